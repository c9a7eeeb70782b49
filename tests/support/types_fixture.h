/* types_fixture.h - page types for the core's unit tests.
 *
 * The core knows only "pagina" and "sjabloon"; the domain types come from
 * plugins, which unit tests do not load. This fixture registers types of
 * the same shape (folders, writers, a guarded field of each kind, facets)
 * so core behaviour can be tested on its own. */
#ifndef WP_TYPES_FIXTURE_H
#define WP_TYPES_FIXTURE_H

/* Registers the fixture types and freezes the registry (once per
 * process; later calls do nothing). */
void wp_test_types(void);

#endif
