/* cli.h - the `werkplaats` command line: init, serve, import, check,
 * reindex, user, erase. */
#ifndef WP_CLI_H
#define WP_CLI_H

/* Runs the command line; returns the process exit code: 0 success,
 * 1 the command ran and found problems or failed, 2 bad usage. */
int wp_cli_main(int argc, char **argv);

#endif
