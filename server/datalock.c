/* datalock.c - the data folder's use lock (see datalock.h). An flock and
 * not a pid file: it cannot go stale, and it needs no clean-up. */
#include "datalock.h"

#include "error.h"
#include "texts.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

int wp_datalock_take(int *fd, const char *data_dir, int exclusive)
{
	char file[4096];
	int lfd;

	*fd = -1;
	if (snprintf(file, sizeof(file), "%s/%s", data_dir, WP_DATALOCK_FILE) >=
	    (int)sizeof(file)) {
		wp_error_set(wp_t("datalock.open_failed"), data_dir, strerror(ENAMETOOLONG));
		return WP_ERROR;
	}
	lfd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (lfd < 0) {
		wp_error_set(wp_t("datalock.open_failed"), file, strerror(errno));
		return WP_ERROR;
	}
	if (flock(lfd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
		int busy = errno == EWOULDBLOCK;

		if (!busy)
			wp_error_set(wp_t("datalock.open_failed"), file, strerror(errno));
		close(lfd);
		return busy ? WP_ELOCKED : WP_ERROR;
	}
	*fd = lfd;
	return 0;
}

void wp_datalock_release(int fd)
{
	if (fd >= 0)
		close(fd); /* closing releases the flock */
}
