/*
 * What the ST rules share: reporting at a component's anchor with the
 * supporting places as related information.
 */
#ifndef SF_ST_COMMON_H
#define SF_ST_COMMON_H

#include "../language.h"
#include "../profile.h"
#include "rule.h"

/* Related locations kept per finding. */
#define ST_RELATED_MAX 12

/* Adds up to ST_RELATED_MAX spots of list (a VEC(struct profile_spot))
 * to d. */
void st_add_spots(struct sf_diagnostic *d, const void *list);

/* Where to anchor c's finding: the framework import, else the first of
 * spots. Returns false when there is nowhere. */
bool st_anchor(const struct profile_component *c, const void *spots,
	       const char **path, struct sf_position *pos);

#endif
