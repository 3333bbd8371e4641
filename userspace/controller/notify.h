/*
 * notify.h - the sd_notify(3) protocol without libsystemd: a datagram to
 * $NOTIFY_SOCKET (a path, or "@name" in the abstract namespace). Without
 * NOTIFY_SOCKET (not started by systemd) it does nothing.
 */
#ifndef VNC_NOTIFY_H
#define VNC_NOTIFY_H

/* Send state ("READY=1", "STOPPING=1", "STATUS=..."). 0 or -errno. */
int vnc_notify(const char *state);

#endif /* VNC_NOTIFY_H */
