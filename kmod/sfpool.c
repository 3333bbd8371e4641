// SPDX-License-Identifier: GPL-2.0
/*
 * SFs and the SF pool. Each port has pf_total_sf SFs (mlxconfig
 * PF_TOTAL_SF); every function holds one as its representor, and the pool
 * (virtnet.conf sf_pool_percent) keeps idle ones ready so that a new
 * device takes a representor that already exists instead of creating one.
 *
 * An idle SF is a registered, down representor without a function, kept
 * on its port's list in ascending SF number order. `devlink port add`
 * and `del` (eswitch.c) add and remove idle SFs too; a later resize of the
 * pool trims it to its size again. Everything here runs under
 * vnet_functions_lock, and what creates or removes a representor under
 * its port's devlink instance lock as well; binding a registered
 * representor also takes RTNL.
 */
#include "vnet.h"

struct vnet_sf_pool {
	struct list_head idle;		/* representors, ascending sf_num */
	u32 num_idle;
};

static struct vnet_sf_pool vnet_pools[VNET_MAX_PORTS];
static u32 vnet_pool_size;		/* idle SFs wanted per port */
/* The numbers of every representor that exists, idle or not. */
static DECLARE_BITMAP(vnet_sf_used, VIRTNET_MAX_SF_NUM + 1);

static struct net_device *vnet_sf_rep_alloc(u32 port, u32 sf_num,
					    u32 max_pairs)
{
	struct net_device *dev = vnet_rep_alloc(port, sf_num, max_pairs);

	if (dev)
		set_bit(sf_num, vnet_sf_used);
	return dev;
}

/* For one that was never registered. */
static void vnet_sf_rep_free(struct net_device *dev)
{
	clear_bit(vnet_rep_sf_num(dev), vnet_sf_used);
	free_netdev(dev);
}

static void vnet_sf_rep_destroy(struct net_device *dev)
{
	u32 sf_num = vnet_rep_sf_num(dev);

	vnet_rep_destroy(dev);
	clear_bit(sf_num, vnet_sf_used);
}

void vnet_sf_pool_init(void)
{
	u32 i;

	for (i = 0; i < VNET_MAX_PORTS; i++)
		INIT_LIST_HEAD(&vnet_pools[i].idle);
}

u32 vnet_sf_pool_size(void)
{
	lockdep_assert_held(&vnet_functions_lock);
	return vnet_pool_size;
}

u32 vnet_sf_pool_idle(u32 port)
{
	lockdep_assert_held(&vnet_functions_lock);
	return vnet_pools[port].num_idle;
}

static struct net_device *vnet_pool_find(const struct list_head *list,
					 u32 sf_num)
{
	struct list_head *node;

	list_for_each(node, list) {
		struct net_device *dev = vnet_rep_from_pool_node(node);

		if (vnet_rep_sf_num(dev) == sf_num)
			return dev;
	}
	return NULL;
}

static bool vnet_sf_num_taken(u32 sf_num)
{
	return test_bit(sf_num, vnet_sf_used);
}

/* pf_total_sf keeps this below VIRTNET_MAX_SF_NUM. */
static u32 vnet_sf_num_from(u32 base)
{
	return find_next_zero_bit(vnet_sf_used, VIRTNET_MAX_SF_NUM + 1, base);
}

/* Keeps the list sorted so that devices take the lowest number. */
static void vnet_pool_insert(struct list_head *list, struct net_device *dev)
{
	u32 sf_num = vnet_rep_sf_num(dev);
	struct list_head *node;

	list_for_each(node, list)
		if (vnet_rep_sf_num(vnet_rep_from_pool_node(node)) > sf_num)
			break;
	list_add_tail(vnet_rep_pool_node(dev), node);
}

static void vnet_pool_drop(struct vnet_sf_pool *pool, struct net_device *dev)
{
	list_del_init(vnet_rep_pool_node(dev));
	pool->num_idle--;
	vnet_sf_rep_destroy(dev);
}

static void vnet_pending_drop(struct list_head *pending)
{
	while (!list_empty(pending)) {
		struct net_device *dev = vnet_rep_from_pool_node(pending->next);

		list_del_init(pending->next);
		vnet_sf_rep_destroy(dev);
	}
}

static int vnet_pool_create_one(u32 port, struct list_head *pending)
{
	struct net_device *dev;
	int err;

	/* Room for any device's queues: any device may take it. */
	dev = vnet_sf_rep_alloc(port, vnet_sf_num_from(VIRTNET_POOL_SF_BASE),
				(vnet_max_virtq - 1) / 2);
	if (!dev)
		return -ENOMEM;
	err = vnet_rep_register(dev);
	if (err) {
		vnet_sf_rep_free(dev);
		return err;
	}
	vnet_pool_insert(&pending[port], dev);
	return 0;
}

/*
 * Make every configured port hold @size idle SFs: create what is missing
 * (all or nothing) and remove the highest-numbered extra ones.
 */
int vnet_sf_pool_set(u32 size, struct netlink_ext_ack *extack)
{
	struct list_head pending[VNET_MAX_PORTS];
	u32 i, n;
	int err;

	lockdep_assert_held(&vnet_functions_lock);
	if (size > vnet_pf_total_sf) {
		NL_SET_ERR_MSG(extack,
			       "sf_pool_size: at most pf_total_sf (module parameter)");
		return -EINVAL;
	}
	for (i = 0; i < VNET_MAX_PORTS; i++) {
		INIT_LIST_HEAD(&pending[i]);
		if (vnet_port_get(i) &&
		    vnet_port_functions(i) + size > vnet_pf_total_sf) {
			NL_SET_ERR_MSG(extack,
				       "sf_pool_size: the pool plus a port's devices would need more than pf_total_sf SFs");
			return -ENOSPC;
		}
	}
	for (i = 0; i < VNET_MAX_PORTS; i++) {
		if (!vnet_port_get(i))
			continue;
		for (n = vnet_pools[i].num_idle; n < size; n++) {
			err = vnet_pool_create_one(i, pending);
			if (err)
				goto err_drop_pending;
		}
	}
	for (i = 0; i < VNET_MAX_PORTS; i++) {
		struct vnet_sf_pool *pool = &vnet_pools[i];

		while (!list_empty(&pending[i])) {
			struct list_head *node = pending[i].next;

			list_del_init(node);
			vnet_pool_insert(&pool->idle,
					 vnet_rep_from_pool_node(node));
			pool->num_idle++;
		}
		while (pool->num_idle > size)
			vnet_pool_drop(pool,
				       vnet_rep_from_pool_node(pool->idle.prev));
	}
	vnet_pool_size = size;
	return 0;

err_drop_pending:
	NL_SET_ERR_MSG(extack, "could not create an SF pool representor");
	for (i = 0; i < VNET_MAX_PORTS; i++)
		vnet_pending_drop(&pending[i]);
	return err;
}

/* A port left the configuration: its idle SFs go with it. */
void vnet_sf_pool_port_gone(u32 port)
{
	struct vnet_sf_pool *pool = &vnet_pools[port];

	lockdep_assert_held(&vnet_functions_lock);
	while (!list_empty(&pool->idle))
		vnet_pool_drop(pool, vnet_rep_from_pool_node(pool->idle.next));
}

void vnet_sf_pool_destroy_all(void)
{
	u32 i;

	vnet_lock();
	for (i = 0; i < VNET_MAX_PORTS; i++)
		vnet_sf_pool_port_gone(i);
	vnet_pool_size = 0;
	vnet_unlock();
}

/*
 * `devlink port add`: an idle SF on @port, numbered @sf_num or the lowest
 * free one from the pool's base, counted against pf_total_sf.
 */
int vnet_sf_pool_add(u32 port, s64 sf_num, struct net_device **rep,
		     struct netlink_ext_ack *extack)
{
	struct vnet_sf_pool *pool = &vnet_pools[port];
	struct net_device *dev;
	int err;

	lockdep_assert_held(&vnet_functions_lock);
	if (!vnet_port_get(port)) {
		NL_SET_ERR_MSG(extack,
			       "this eswitch port is not configured (ib_dev_p0/ib_dev_p1 or the controller's port table)");
		return -ENODEV;
	}
	if (sf_num >= 0 && vnet_sf_num_taken(sf_num)) {
		NL_SET_ERR_MSG(extack, "sfnum: another SF has this number");
		return -EEXIST;
	}
	if (vnet_port_functions(port) + pool->num_idle >= vnet_pf_total_sf) {
		NL_SET_ERR_MSG(extack,
			       "no SF left on this port (module parameter pf_total_sf)");
		return -ENOSPC;
	}
	dev = vnet_sf_rep_alloc(port, sf_num >= 0 ? sf_num :
				vnet_sf_num_from(VIRTNET_POOL_SF_BASE),
				(vnet_max_virtq - 1) / 2);
	if (!dev)
		return -ENOMEM;
	err = vnet_rep_register(dev);
	if (err) {
		NL_SET_ERR_MSG(extack, "could not register the representor netdev");
		vnet_sf_rep_free(dev);
		return err;
	}
	vnet_pool_insert(&pool->idle, dev);
	pool->num_idle++;
	*rep = dev;
	return 0;
}

/* `devlink port del`: only an idle SF goes; a device's stays. */
int vnet_sf_pool_del(u32 port, u32 sf_num, struct netlink_ext_ack *extack)
{
	struct vnet_sf_pool *pool = &vnet_pools[port];
	struct net_device *dev;

	lockdep_assert_held(&vnet_functions_lock);
	dev = vnet_pool_find(&pool->idle, sf_num);
	if (dev) {
		vnet_pool_drop(pool, dev);
		return 0;
	}
	if (vnet_function_has_sf(sf_num)) {
		NL_SET_ERR_MSG(extack,
			       "a device uses this SF: unplug the device first (virtnet unplug)");
		return -EBUSY;
	}
	NL_SET_ERR_MSG(extack, "no idle SF with this number on this eswitch");
	return -ENODEV;
}

/*
 * The number a function gets without the pool: a PF's own (or the lowest
 * free one from its kind's base if an explicit SF_NUM holds that), a VF's
 * the lowest free one from 3000, as in the guide.
 */
static u32 vnet_default_sf_num(const struct vnet_function *fn)
{
	bool is_static = fn->type == VIRTNET_DEV_TYPE_STATIC_PF;
	u32 sf_num;

	if (fn->type == VIRTNET_DEV_TYPE_VF)
		return vnet_sf_num_from(VIRTNET_VF_SF_BASE);
	sf_num = is_static ? vnet_static_sf_num(fn->slot) :
			     vnet_hotplug_sf_num(fn->slot);
	if (!vnet_sf_num_taken(sf_num))
		return sf_num;
	return vnet_sf_num_from(is_static ? VIRTNET_STATIC_SF_BASE :
					    VIRTNET_HOTPLUG_SF_BASE);
}

/* The lowest-numbered idle SF with room for @pairs queue pairs. */
static struct net_device *vnet_pool_first_fit(struct vnet_sf_pool *pool,
					      u32 pairs)
{
	struct list_head *node;

	list_for_each(node, &pool->idle) {
		struct net_device *dev = vnet_rep_from_pool_node(node);

		if (dev->num_tx_queues >= pairs)
			return dev;
	}
	return NULL;
}

static int vnet_sf_take_idle(struct vnet_function *fn, struct net_device *dev)
{
	struct vnet_sf_pool *pool = &vnet_pools[fn->port->index];
	int err;

	fn->rep = dev;
	fn->sf_num = vnet_rep_sf_num(dev);
	rtnl_lock();
	err = vnet_rep_bind(fn);
	rtnl_unlock();
	if (err) {
		fn->rep = NULL;
		return err;
	}
	list_del_init(vnet_rep_pool_node(dev));
	pool->num_idle--;
	return 0;
}

/*
 * Give @fn (already in the function table) an SF: @sf_num, or any. An
 * idle SF of its port is taken over; otherwise a representor is made.
 */
int vnet_sf_acquire(struct vnet_function *fn, s64 sf_num,
		    struct netlink_ext_ack *extack)
{
	u32 port = fn->port->index;
	struct vnet_sf_pool *pool = &vnet_pools[port];
	struct net_device *dev;
	int err;

	lockdep_assert_held(&vnet_functions_lock);
	if (sf_num >= 0) {
		dev = vnet_pool_find(&pool->idle, sf_num);
		/* Too few queues (it came back from a smaller device). */
		if (dev && dev->num_tx_queues < fn->num_pairs) {
			vnet_pool_drop(pool, dev);
			dev = NULL;
		}
	} else {
		dev = vnet_pool_first_fit(pool, fn->num_pairs);
	}
	if (dev) {
		err = vnet_sf_take_idle(fn, dev);
		if (err)
			NL_SET_ERR_MSG(extack,
				       "could not take over the SF pool representor");
		return err;
	}

	if (sf_num >= 0 && vnet_sf_num_taken(sf_num)) {
		NL_SET_ERR_MSG(extack,
			       "sf_num: held by an idle SF of the other port's pool");
		return -EEXIST;
	}
	/* The function table already counts @fn. */
	if (vnet_port_functions(port) + pool->num_idle > vnet_pf_total_sf) {
		NL_SET_ERR_MSG(extack,
			       "no SF left on this port (module parameter pf_total_sf)");
		return -ENOSPC;
	}
	fn->sf_num = sf_num >= 0 ? sf_num : vnet_default_sf_num(fn);
	/*
	 * A VF gets exactly its queues: memory per function counts at 504
	 * VFs. A PF gets room for any queue count, so that modify can grow
	 * it without a new netdev.
	 */
	fn->rep = vnet_sf_rep_alloc(port, fn->sf_num,
				    fn->type == VIRTNET_DEV_TYPE_VF ?
				    fn->num_pairs : (vnet_max_queues() - 1) / 2);
	if (!fn->rep)
		return -ENOMEM;
	err = vnet_rep_bind(fn);
	if (err)
		goto err_free_rep;
	err = vnet_rep_register(fn->rep);
	if (err) {
		NL_SET_ERR_MSG(extack, "could not register the representor netdev");
		goto err_free_rep;
	}
	return 0;

err_free_rep:
	vnet_sf_rep_free(fn->rep);
	fn->rep = NULL;
	return err;
}

/*
 * @fn is stopped and leaving: its SF goes back to the pool while the pool
 * is short, and is destroyed otherwise.
 */
void vnet_sf_release(struct vnet_function *fn)
{
	struct vnet_sf_pool *pool = &vnet_pools[fn->port->index];
	struct net_device *dev = fn->rep;

	lockdep_assert_held(&vnet_functions_lock);
	if (pool->num_idle < vnet_pool_size) {
		vnet_rep_unbind(fn);
		vnet_pool_insert(&pool->idle, dev);
		pool->num_idle++;
		return;
	}
	vnet_sf_rep_destroy(dev);
	fn->rep = NULL;
}
