#include "fmath.h"

/* 2^52: every double at or above it in magnitude is an integer. */
#define FM_INTEGRAL 4503599627370496.0
/* 2^53: past it a count of trips is no longer exact. */
#define FM_MAX_COUNT 9007199254740992.0

double
fm_floor(double x)
{
	if (!(x < FM_INTEGRAL && x > -FM_INTEGRAL))
		return x;                /* integral already, infinite or NaN */
	double t = (double)(long long)x; /* toward zero */
	return t > x ? t - 1 : t;
}

double
fm_ceil(double x)
{
	if (!(x < FM_INTEGRAL && x > -FM_INTEGRAL))
		return x;
	double t = (double)(long long)x;
	return t < x ? t + 1 : t;
}

double
fm_powi(double a, unsigned n)
{
	double r = 1;
	while (n > 0) {
		if (n & 1)
			r *= a;
		a *= a;
		n >>= 1;
	}
	return r;
}

/* base^n for a count n that may pass an unsigned's range. */
static double
pow_count(double base, double n)
{
	double r = 1;
	while (n >= 1) {
		double half = fm_floor(n / 2);
		if (n - 2 * half >= 1)
			r *= base;
		base *= base;
		n = half;
	}
	return r;
}

double
fm_steps(double ratio, double base)
{
	if (!(base > 1))
		return -1;
	if (!(ratio > 1))
		return 0;
	/* Double hi until base^hi reaches ratio, then halve the interval
	 * (lo, hi]: base^lo < ratio <= base^hi throughout. */
	double lo = 0, hi = 1;
	while (pow_count(base, hi) < ratio) {
		lo = hi;
		hi *= 2;
		if (hi > FM_MAX_COUNT)
			return -1;
	}
	while (hi - lo > 1) {
		double mid = fm_floor(lo + (hi - lo) / 2);
		if (pow_count(base, mid) < ratio)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

int
fm_decimal(double x, double *m)
{
	/* Powers of ten up to 10^22 are exact; past them the loop's
	 * rounding is below what a magnitude shows. An infinite x stops at
	 * the largest finite power. */
	int e = 0;
	double p = 1;
	while (e < 308 && p * 10 <= x) {
		p *= 10;
		e++;
	}
	*m = x / p;
	return e;
}
