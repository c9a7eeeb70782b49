/* datalock.h - who is using a data folder: an flock on
 * DATA/werkplaats.serve.lock.
 *
 * `werkplaats serve` holds a shared lock for its whole life (several
 * servers may share one folder, as the store allows); `werkplaats erase`
 * takes it exclusively without waiting, so it refuses while any server
 * runs on the folder, and a server refuses to start while an erase runs.
 * The kernel drops a lock when its process ends, so a crash leaves none
 * behind. */
#ifndef WP_DATALOCK_H
#define WP_DATALOCK_H

#define WP_DATALOCK_FILE "werkplaats.serve.lock"

/* Takes the lock of data folder data_dir, shared or exclusive, never
 * waiting. Writes the descriptor that holds it to *fd (-1 on failure).
 * Returns 0; WP_ELOCKED when another process holds it in a way that
 * conflicts (no message: the caller knows what that means for it); or
 * WP_ERROR with a message when the lock file cannot be opened. */
int wp_datalock_take(int *fd, const char *data_dir, int exclusive);

/* Releases a lock taken by wp_datalock_take(); -1 does nothing. */
void wp_datalock_release(int fd);

#endif
