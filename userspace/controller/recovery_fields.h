/*
 * recovery_fields.h - what the recovery record's checks (recovery.c) and
 * its JSON form (recovery_json.c) share: the rules of its numeric fields
 * and the names of its enums. Private to the recovery store.
 */
#ifndef VIRTNET_RECOVERY_FIELDS_H
#define VIRTNET_RECOVERY_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"

#define STR(x) #x
#define XSTR(x) STR(x)

extern const struct virtnet_num_rule virtnet_rec_rule_dev_id;	/* pf_id, parent_pf_id */
extern const struct virtnet_num_rule virtnet_rec_rule_pf_num;
extern const struct virtnet_num_rule virtnet_rec_rule_sf_num;

/* Indexed by enum virtnet_recovery_fn_type, _dev_type, virtnet_dev_mode. */
extern const char *const virtnet_rec_fn_type_names[2];
extern const char *const virtnet_rec_dev_type_names[2];
extern const char *const virtnet_rec_mode_names[2];

/* mq must be (num_queues - 1) / 2. */
int virtnet_rec_check_mq(uint64_t mq, uint64_t num_queues, char *err, size_t errlen);

#endif /* VIRTNET_RECOVERY_FIELDS_H */
