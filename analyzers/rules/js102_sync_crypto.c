/*
 * JS102 sync-crypto-in-event-loop: a synchronous key derivation, key or
 * prime generation (`crypto.pbkdf2Sync`, `scryptSync`,
 * `generateKeyPairSync`, bcrypt's `hashSync`...) in event-loop code. The
 * list is the catalogue's sync-crypto entries.
 */
#include "rule.h"

extern const char js102_sync_crypto_doc[];

static void
check(struct sf_rule_ctx *ctx)
{
	const struct sf_facts *f = ctx->facts;
	for (uint32_t i = 0; i < f->calls.n; i++) {
		const struct sf_call *c = &f->calls.v[i];
		if (!rule_on_loop(f, c->function))
			continue;
		const struct sf_api *api = rule_call_api(ctx, c);
		if (api == NULL || api->kind != SF_API_SYNC_CRYPTO)
			continue;
		struct sf_diagnostic *d = rule_report(
			ctx, c->callee_span,
			"`%s` runs the whole computation on the event loop in "
			"%s",
			c->name, f->functions.v[c->function].context);
		rule_help(d, "use %s", api->replacement);
	}
}

const struct sf_rule js102_sync_crypto_rule = {
	.id = "JS102",
	.name = "sync-crypto-in-event-loop",
	.families = 1u << SF_FAMILY_JAVASCRIPT,
	.category = RULE_CAT_CPU,
	.scope = RULE_SCOPE_FILE,
	.default_severity = SF_SEV_WARNING,
	.summary = "synchronous key derivation or key generation (pbkdf2Sync, "
		   "scryptSync, generateKeyPairSync...) in event-loop code",
	.doc = js102_sync_crypto_doc,
	.check_file = check,
};
