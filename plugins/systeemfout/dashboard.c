/* dashboard.c - the regio team's dashboard (being written). */
#include "systeemfout.h"

int sf_dashboard_register(const wp_host *host, wp_plugin *self)
{
	(void)host;
	(void)self;
	return 0;
}
