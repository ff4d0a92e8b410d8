/* ST rule support: anchors and related spots. */
#include "st_common.h"

void
st_add_spots(struct sf_diagnostic *d, const void *list)
{
	const VEC(struct profile_spot) *v = list;
	for (uint32_t i = 0; d != NULL && i < v->n && i < ST_RELATED_MAX; i++)
		diag_add_related(d, v->v[i].path, v->v[i].pos, v->v[i].what);
}

bool
st_anchor(const struct profile_component *c, const void *spots,
	  const char **path, struct sf_position *pos)
{
	const VEC(struct profile_spot) *v = spots;
	if (c->anchor_path != NULL) {
		*path = c->anchor_path;
		*pos = c->anchor_pos;
		return true;
	}
	if (v->n == 0)
		return false;
	*path = v->v[0].path;
	*pos = v->v[0].pos;
	return true;
}
