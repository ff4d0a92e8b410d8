/* Report dispatch by format. */
#include "report.h"

#include <string.h>

int
report_format_from_name(const char *name)
{
	if (strcmp(name, "text") == 0)
		return REPORT_TEXT;
	if (strcmp(name, "json") == 0)
		return REPORT_JSON;
	if (strcmp(name, "sarif") == 0)
		return REPORT_SARIF;
	if (strcmp(name, "github") == 0)
		return REPORT_GITHUB;
	return -1;
}

const char *
report_format_names(void)
{
	return "text, json, sarif, github";
}

int
report_write(FILE *out, enum report_format fmt, const struct sf_report *r,
	     const struct report_options *opts)
{
	int rc = -1;
	switch (fmt) {
	case REPORT_TEXT:
		rc = report_text(out, r, opts);
		break;
	case REPORT_JSON:
		rc = report_json(out, r);
		break;
	case REPORT_SARIF:
		rc = report_sarif(out, r);
		break;
	case REPORT_GITHUB:
		rc = report_github(out, r);
		break;
	}
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	return rc;
}
