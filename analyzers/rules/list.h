/*
 * The rules, one line each, in id order: RULE(file) names rules/file.c,
 * which defines `file_rule`, and rules/file.md, its documentation (compiled
 * in as `file_doc`). The build reads this list too, so adding a rule is its
 * two files and one line here.
 */
RULE(js101_sync_io)
RULE(js102_sync_crypto)
RULE(js103_cpu_heavy_loop)
RULE(js104_busy_wait)
RULE(js105_catastrophic_regex)
RULE(js106_await_in_loop)
RULE(js107_blocking_helper)
RULE(py201_blocking_call)
RULE(py202_blocking_helper)
RULE(py203_cpu_heavy_loop)
RULE(py204_sync_primitive)
RULE(py205_await_in_loop)
RULE(py210_cpu_bound_thread)
RULE(py211_process_pool_io)
RULE(py220_hot_loop)
RULE(st301_cpu_bound_node_service)
RULE(st302_realtime_on_sync_python)
RULE(st303_gil_bound_concurrency)
