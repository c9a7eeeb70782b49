/* client.h - the load test's clients: threads that each save edits of their
 * own paragraph of random pages through the JSON API, and record every
 * save they sent with what came back.
 *
 * Each load page holds one paragraph (one line) per client, "Client 07
 * begin" at first. Client 7 only ever rewrites its own line, to a marker
 * unique to the attempt ("Client 07 bewerking 000123": client and sequence
 * number), and sends the same marker as the commit message; so different
 * clients' stale saves merge cleanly, and afterwards the history shows
 * exactly which attempts were committed.
 *
 * The clients run on plain pthreads and never call Criterion: everything
 * they find goes into their records, which the main thread checks after
 * wp_load_clients_join(). The server's address may change under them (a
 * restart gets a new port): they read it from a wp_load_target the main
 * thread updates. */
#ifndef WP_LOAD_CLIENT_H
#define WP_LOAD_CLIENT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#define WP_LOAD_OID_HEX 41
#define WP_LOAD_MAX_CLIENTS 99 /* markers hold the client number in two digits */
#define WP_LOAD_SEQ_MAX 999999 /* and the sequence number in six */
#define WP_LOAD_PROBLEM_MAX 512

/* Where the server is now. url "" pauses the clients (no new request
 * starts) while the main thread kills and restarts the server. */
typedef struct {
	pthread_mutex_t mu;
	char url[256];
	atomic_int stop; /* non-zero: clients finish their request and return */
} wp_load_target;

/* The path of load page i (0-based) into out: "lasttest/pagina-001". */
void wp_load_page_path(char *out, size_t n, unsigned page);
/* The whole file of a load page as first created: front matter and one
 * "Client NN begin" paragraph per client. Caller frees. */
char *wp_load_page_initial(unsigned page, unsigned clients);
/* The marker of attempt seq of client ("Client 07 bewerking 000123"). */
void wp_load_marker(char *out, size_t n, unsigned client, unsigned seq);

typedef enum {
	WP_LOAD_ACKED,	 /* 200 or 201: the save is committed at revision */
	WP_LOAD_REFUSED, /* 409: nothing committed */
	WP_LOAD_FAILED,	 /* another 4xx: nothing committed */
	WP_LOAD_UNKNOWN, /* no answer (transport error) or a 5xx: may or may not be committed */
} wp_load_outcome;

/* One PUT a client sent. */
typedef struct {
	unsigned page;
	unsigned seq; /* per client, from 1, one per PUT sent */
	wp_load_outcome outcome;
	long status; /* HTTP status; 0 for a transport error */
	int merged;  /* the answer said "merged": true */
	char revision[WP_LOAD_OID_HEX];
	long long done_ns; /* CLOCK_MONOTONIC when the answer (or the error) came */
	long latency_us;   /* of the PUT alone */
} wp_load_attempt;

/* One client thread and what it recorded. */
typedef struct {
	unsigned index;
	unsigned pages, clients;
	const char *token;	 /* API token (borrowed) */
	wp_load_target *target;	 /* borrowed */
	long long deadline_ns;	 /* a bound of its own, in case stop never comes */
	unsigned seed;
	pthread_t thread;
	int started;
	wp_load_attempt *attempts; /* every PUT sent, in order */
	size_t n_attempts, cap_attempts;
	/* counts */
	unsigned long gets, get_failures; /* GETs, and those without a usable 200 */
	unsigned long acked, merged;
	unsigned long conflicts; /* 409 with a "merge": the server found the edits overlap */
	unsigned long changed;	 /* 409 without one: "the page changed meanwhile" */
	unsigned long busy;	 /* 409 "te druk" (store.busy): the branch ref stayed locked */
	unsigned long other_4xx, server_errors, transport_errors;
	unsigned long bad_pages; /* GETs whose body lacked this client's paragraph */
	char problem[WP_LOAD_PROBLEM_MAX];     /* the first unexpected answer, for messages */
	char busy_answer[WP_LOAD_PROBLEM_MAX]; /* the first busy 409 */
	char bare_ack[WP_LOAD_PROBLEM_MAX];    /* the first 2xx PUT answer without a revision */
} wp_load_client;

/* Starts n client threads on clients[0..n-1], which the caller has filled
 * with index, pages, clients, token, target, deadline_ns and seed (the rest
 * zero). Returns 0, or -1 when a thread could not be started (the ones
 * started are then stopped and joined). */
int wp_load_clients_start(wp_load_client *clients, unsigned n);
/* Sets target->stop and joins every started thread. Bounded by the
 * clients' request timeouts. */
void wp_load_clients_join(wp_load_client *clients, unsigned n, wp_load_target *target);
/* Frees what the clients recorded. */
void wp_load_clients_dispose(wp_load_client *clients, unsigned n);

/* CLOCK_MONOTONIC in nanoseconds. */
long long wp_load_now_ns(void);

#endif
