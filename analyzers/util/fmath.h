/* The little arithmetic on doubles the analyzers need (loop trip counts,
 * constant folding, magnitudes), written here so that stackfit does not
 * load the C library's libm: every shared library costs a process start-up,
 * and the `check` a pre-commit hook runs through the daemon is mostly
 * start-up. Exact where the answer is an integer count. */
#ifndef SF_FMATH_H
#define SF_FMATH_H

#include <stdbool.h>

/* Whether x is neither infinite nor NaN. */
static inline bool
fm_isfinite(double x)
{
	return x - x == 0;
}

/* The largest integer below or at x (x itself when it is already integral,
 * infinite or NaN). */
double fm_floor(double x);
/* The smallest integer above or at x (same cases). */
double fm_ceil(double x);
/* a to the power n, by repeated squaring. */
double fm_powi(double a, unsigned n);
/* The smallest n >= 0 with base^n >= ratio, for base > 1: the trips of a
 * loop multiplying by base from 1 up to ratio. -1 when base <= 1 or the
 * count would pass 2^53. */
double fm_steps(double ratio, double base);
/* x (>= 1, finite) as m·10^e with 1 <= m < 10; returns e, *m set. */
int fm_decimal(double x, double *m);

#endif
