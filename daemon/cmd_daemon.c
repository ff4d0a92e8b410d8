/*
 * `stackfit daemon start|stop|status [ROOT]` (daemon_server.h): one daemon
 * per workspace root, which check and audit ask before analysing in
 * process. `start` runs the daemon in the background — detached in its
 * own session, its output in a log file next to its socket — and returns
 * once it answers; `stop` asks it to shut down and waits for it to exit;
 * `status` asks it how it is.
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "daemon_client.h"
#include "daemon_proto.h"
#include "daemon_server.h"
#include "git.h"
#include "util/xalloc.h"

/* How long start waits for a daemon that another start launched, and
 * stop for the daemon to exit, in milliseconds. */
#define DAEMON_WAIT_MS 10000
/* The longest idle timeout, in seconds (a year). */
#define DAEMON_IDLE_MAX (366u * 24 * 3600)

enum { OPT_FOREGROUND = 256, OPT_IDLE_TIMEOUT, OPT_READY_FD };

struct daemon_options {
	const char *action; /* start, stop, status */
	const char *root;   /* ROOT, or NULL */
	bool foreground;
	unsigned idle_timeout;
	bool json;
	int ready_fd; /* internal: set by start for the daemon it runs */
};

static const char daemon_help[] =
	"\nactions:\n"
	"  start   run a daemon for ROOT in the background (in the "
	"foreground\n"
	"          with --foreground); returns once it answers\n"
	"  stop    ask the daemon of ROOT to exit, and wait until it has\n"
	"  status  show the daemon of ROOT: pid, socket, uptime, files "
	"indexed\n"
	"\noptions:\n"
	"      --foreground          start: do not detach; log to stderr\n"
	"      --idle-timeout SECS   start: exit after SECS without a request\n"
	"                            (default 10800, three hours; 0: never)\n"
	"  -f, --format FORMAT       status: text (default) or json\n"
	"\nROOT is the workspace root (default: the git top level of the "
	"current\ndirectory, else the current directory, as for check). "
	"`check` and `audit`\nof that root ask its daemon, and analyse in "
	"process when none answers\n(or with --no-daemon). The daemon "
	"listens on a socket in\n$XDG_RUNTIME_DIR/stackfit/ (else "
	"/tmp/stackfit-$UID/), open to this user\nonly, and logs next to "
	"it; it exits on `stop`, SIGTERM or the idle timeout.\n"
	"\nexit status: start 0 when a daemon runs (started, or already "
	"running);\nstop 0 when it stopped, 1 when none was running; status "
	"0 when one runs,\n1 when none does (or none answers); 2 on a usage "
	"or start-up error, or\na daemon that does not stop (stop sends "
	"SIGTERM to one that does not\nanswer).\n";

static int
parse_args(int argc, char **argv, struct daemon_options *o)
{
	static const struct option options[] = {
		{"foreground", no_argument, NULL, OPT_FOREGROUND},
		{"idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT},
		{"format", required_argument, NULL, 'f'},
		{"ready-fd", required_argument, NULL, OPT_READY_FD},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	*o = (struct daemon_options){
		.idle_timeout = DAEMON_PROTO_IDLE_DEFAULT,
		.ready_fd = -1,
	};
	const struct cmd_entry *cmd = &cmd_daemon_entry;
	int c;
	char *end;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_FOREGROUND:
			o->foreground = true;
			break;
		case OPT_IDLE_TIMEOUT: {
			errno = 0;
			unsigned long v = strtoul(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    optarg[0] == '-' || v > DAEMON_IDLE_MAX)
				return cmd_usage_error(
					cmd,
					"--idle-timeout expects seconds "
					"from 0 (never) to %u, not '%s'",
					DAEMON_IDLE_MAX, optarg);
			o->idle_timeout = (unsigned)v;
			break;
		}
		case OPT_READY_FD: {
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || v < 3 ||
			    v > INT_MAX)
				return cmd_usage_error(cmd, "bad --ready-fd");
			o->ready_fd = (int)v;
			break;
		}
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o->json = true;
			else if (strcmp(optarg, "text") != 0)
				return cmd_usage_error(
					cmd,
					"--format expects text or json, "
					"not '%s'",
					optarg);
			break;
		case 'h':
			cmd_print_usage(stdout, cmd);
			fputs(daemon_help, stdout);
			return EXIT_CLEAN;
		default:
			return cmd_option_error(cmd, c, argv);
		}
	}
	if (optind >= argc)
		return cmd_usage_error(cmd, "expected start, stop or status");
	o->action = argv[optind++];
	if (strcmp(o->action, "start") != 0 && strcmp(o->action, "stop") != 0 &&
	    strcmp(o->action, "status") != 0)
		return cmd_usage_error(cmd,
				       "unknown action '%s' (expected start, "
				       "stop or status)",
				       o->action);
	if (argc - optind > 1)
		return cmd_usage_error(cmd, "expected one ROOT, got %d",
				       argc - optind);
	if (optind < argc)
		o->root = argv[optind];
	if (strcmp(o->action, "start") != 0 &&
	    (o->foreground || o->idle_timeout != DAEMON_PROTO_IDLE_DEFAULT))
		return cmd_usage_error(cmd, "--foreground and --idle-timeout "
					    "are options of start");
	if (strcmp(o->action, "status") != 0 && o->json)
		return cmd_usage_error(cmd, "--format is an option of status");
	return -1;
}

/* arg made absolute without the file system (the folder is gone): the
 * current directory joined, "." and ".." and repeated '/' resolved.
 * Owned by the caller; NULL when the current directory is gone too. */
static char *
absolute_path(const char *arg)
{
	char cwd[PATH_MAX];
	if (arg[0] != '/' && getcwd(cwd, sizeof cwd) == NULL)
		return NULL;
	char *joined =
		arg[0] == '/' ? xstrdup(arg) : xasprintf("%s/%s", cwd, arg);
	char *out = xmalloc(strlen(joined) + 2);
	size_t n = 0;
	for (char *p = joined, *w; *p;) {
		while (*p == '/')
			p++;
		for (w = p; *p && *p != '/'; p++)
			;
		size_t k = (size_t)(p - w);
		if (k == 0 || (k == 1 && w[0] == '.'))
			continue;
		if (k == 2 && w[0] == '.' && w[1] == '.') {
			while (n > 0 && out[--n] != '/')
				;
			continue;
		}
		out[n++] = '/';
		memcpy(out + n, w, k);
		n += k;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	free(joined);
	return out;
}

/* The canonical root: ROOT, else check's workspace root; with gone_ok
 * (stop, status), a ROOT that no longer exists as it is written, made
 * absolute. Owned by the caller; NULL after a message. */
static char *
canonical_root(const char *arg, bool gone_ok)
{
	char *cause = NULL;
	bool in_git;
	char *found = NULL;
	if (arg == NULL) {
		found = git_find_root(&in_git, &cause);
		if (found == NULL) {
			fprintf(stderr, "stackfit: %s\n", cause);
			free(cause);
			return NULL;
		}
		arg = found;
	}
	char real[PATH_MAX];
	struct stat st;
	char *root = NULL;
	if (gone_ok && realpath(arg, real) == NULL && errno == ENOENT &&
	    (root = absolute_path(arg)) != NULL) {
		/* A deleted folder: its daemon is found by the path it was
		 * started for, to be stopped or asked. */
	} else if (realpath(arg, real) == NULL || stat(real, &st) < 0)
		fprintf(stderr, "stackfit: %s: %s\n", arg, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		fprintf(stderr, "stackfit: %s: not a directory\n", arg);
	else
		root = xstrdup(real);
	free(found);
	return root;
}

/* The status of the daemon of root, or NULL when none answers; then
 * *silent (when not NULL) says whether one listens but did not answer
 * (busy with a long analysis, or stuck). */
static json_object *
ask_status_ex(const char *root, bool *silent)
{
	char *cause = NULL;
	if (silent != NULL)
		*silent = false;
	struct daemon_client *c = daemon_client_connect(root, &cause);
	if (c == NULL) {
		free(cause);
		return NULL;
	}
	json_object *result = NULL;
	int code;
	int rc = daemon_client_call(c, "stackfit/status", NULL,
				    DAEMON_CLIENT_STATUS_TIMEOUT, &result,
				    &code, &cause);
	daemon_client_close(c);
	free(cause);
	if (rc != 0 || !json_object_is_type(result, json_type_object)) {
		json_object_put(result);
		if (silent != NULL)
			*silent = rc < 0;
		return NULL;
	}
	return result;
}

static json_object *
ask_status(const char *root)
{
	return ask_status_ex(root, NULL);
}

/* Says that no daemon answers for root (stdout), and why. */
static void
print_none(const char *root, bool silent)
{
	if (silent)
		printf("the stackfit daemon for %s does not answer within %d s "
		       "(busy, or stuck)\n",
		       root, DAEMON_CLIENT_STATUS_TIMEOUT / 1000);
	else
		printf("no stackfit daemon is running for %s\n", root);
}

static int64_t
get_int(json_object *o, const char *key)
{
	json_object *v;
	return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v)
						     : 0;
}

static const char *
get_str(json_object *o, const char *key)
{
	json_object *v;
	return json_object_object_get_ex(o, key, &v) &&
			       json_object_is_type(v, json_type_string)
		       ? json_object_get_string(v)
		       : "?";
}

static void
print_running(const char *what, json_object *status)
{
	printf("%s %s (pid %lld, socket %s)\n", what, get_str(status, "root"),
	       (long long)get_int(status, "pid"), get_str(status, "socket"));
}

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* --- start ------------------------------------------------------------ */

/* In the daemon-to-be (the grandchild of start): its own session, stdio
 * to /dev/null and the log, then the same program in the foreground. */
static void
exec_daemon(const char *root, unsigned idle, int log_fd, int ready_fd)
{
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null < 0 || dup2(null, 0) < 0 || dup2(log_fd, 1) < 0 ||
	    dup2(log_fd, 2) < 0 || fcntl(ready_fd, F_SETFD, 0) < 0 ||
	    chdir("/") < 0) {
		dprintf(ready_fd, "error setting up: %s\n", strerror(errno));
		_exit(1);
	}
	char idle_arg[16], fd_arg[16];
	snprintf(idle_arg, sizeof idle_arg, "%u", idle);
	snprintf(fd_arg, sizeof fd_arg, "%d", ready_fd);
	char *argv[] = {
		"stackfit",       "daemon",     "start",
		"--foreground",   "--ready-fd", fd_arg,
		"--idle-timeout", idle_arg,     "--",
		(char *)root,     NULL,
	};
	execv("/proc/self/exe", argv);
	dprintf(ready_fd, "error running /proc/self/exe: %s\n",
		strerror(errno));
	_exit(1);
}

/* Reads the daemon's one line from fd (until a newline or its end). */
static void
read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	while (n + 1 < size) {
		ssize_t r = read(fd, buf + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || buf[n] == '\n')
			break;
		n++;
	}
	buf[n] = '\0';
}

static int
start(const struct daemon_options *o, const char *root)
{
	/* The daemon a start runs (ready_fd set) asks no one: the root's
	 * lock decides between two at once. */
	json_object *status = o->ready_fd < 0 ? ask_status(root) : NULL;
	if (status != NULL) {
		print_running("a stackfit daemon already runs for", status);
		json_object_put(status);
		return EXIT_CLEAN;
	}
	if (o->foreground) {
		struct daemon_server_options so = {
			.root = root,
			.idle_timeout = o->idle_timeout,
			.ready_fd = o->ready_fd,
			.log = stderr,
		};
		return daemon_server_run(&so);
	}
	struct daemon_paths p;
	char *cause = NULL;
	if (daemon_proto_paths(root, &p, &cause) < 0 ||
	    daemon_proto_private_dir(p.dir, true, &cause) < 0) {
		fprintf(stderr, "stackfit: %s\n", cause);
		free(cause);
		daemon_proto_paths_finish(&p);
		return EXIT_USAGE;
	}
	int rc = EXIT_USAGE;
	int fds[2] = {-1, -1};
	int log_fd =
		open(p.log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (log_fd < 0 || pipe2(fds, O_CLOEXEC) < 0) {
		fprintf(stderr, "stackfit: %s: %s\n", p.log, strerror(errno));
		goto done;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "stackfit: fork: %s\n", strerror(errno));
		goto done;
	}
	if (pid == 0) {
		/* Twice: the daemon is no session leader, so it never gets
		 * a controlling terminal back, and init reaps it. */
		close(fds[0]);
		if (setsid() < 0)
			_exit(1);
		pid_t again = fork();
		if (again != 0)
			_exit(again < 0);
		exec_daemon(root, o->idle_timeout, log_fd, fds[1]);
	}
	close(fds[1]);
	fds[1] = -1;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	char line[1024];
	read_line(fds[0], line, sizeof line);
	if (strncmp(line, "error ", 6) == 0) {
		fprintf(stderr,
			"stackfit: cannot start the daemon for %s: %s\n", root,
			line + 6);
		goto done;
	}
	bool ready = strncmp(line, "ready ", 6) == 0;
	/* "running": another start won the race; its daemon answers once
	 * it is listening. Nothing: ours died, but perhaps for another. */
	for (long waited = 0; waited < DAEMON_WAIT_MS; waited += 20) {
		status = ask_status(root);
		if (status != NULL)
			break;
		sleep_ms(20);
	}
	if (status == NULL) {
		fprintf(stderr, "stackfit: the daemon for %s %s; see %s\n",
			root,
			ready || strcmp(line, "running") == 0
				? "does not answer"
				: "exited as it started",
			p.log);
		goto done;
	}
	print_running(ready ? "started a stackfit daemon for"
			    : "a stackfit daemon already runs for",
		      status);
	json_object_put(status);
	rc = EXIT_CLEAN;
done:
	if (log_fd >= 0)
		close(log_fd);
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	daemon_proto_paths_finish(&p);
	return rc;
}

/* --- stop and status -------------------------------------------------- */

/* Has process pid exited? A zombie has: whoever reaps it (init, or a
 * container's first process, which may take its time) is not ours to
 * wait for. */
static bool
exited(pid_t pid)
{
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return true;
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return errno == ENOENT;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "pid (comm) S ...": the state follows the last ')'. */
	const char *close = strrchr(buf, ')');
	return close != NULL && (close[1] == ' ') &&
	       (close[2] == 'Z' || close[2] == 'X');
}

/* Waits until process pid has exited; false after DAEMON_WAIT_MS. */
static bool
wait_exit(pid_t pid)
{
	for (long waited = 0; pid > 0 && !exited(pid); waited += 20) {
		if (waited >= DAEMON_WAIT_MS)
			return false;
		sleep_ms(20);
	}
	return true;
}

/* The pid of the daemon that holds root's lock (it writes its pid
 * there), or 0 when the lock is free or unreadable: for a daemon that
 * does not answer. */
static pid_t
lock_holder(const char *root)
{
	struct daemon_paths p;
	char *cause = NULL;
	pid_t pid = 0;
	if (daemon_proto_paths(root, &p, &cause) < 0 ||
	    daemon_proto_private_dir(p.dir, false, &cause) < 0) {
		free(cause);
		daemon_proto_paths_finish(&p);
		return 0;
	}
	int fd = open(p.lock, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	char buf[24];
	ssize_t n;
	if (fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) < 0 &&
	    errno == EWOULDBLOCK &&
	    (n = pread(fd, buf, sizeof buf - 1, 0)) > 0) {
		buf[n] = '\0';
		char *end;
		long v = strtol(buf, &end, 10);
		if (end != buf && *end == '\n' && v > 1 && v <= INT_MAX)
			pid = (pid_t)v;
	}
	if (fd >= 0)
		close(fd);
	daemon_proto_paths_finish(&p);
	return pid;
}

/* Stops the daemon of root that listens but does not answer (stuck, or
 * busy for long) with SIGTERM, which stops a daemon whatever its loop is
 * doing. */
static int
stop_silent(const char *root)
{
	pid_t pid = lock_holder(root);
	if (pid <= 0 || kill(pid, SIGTERM) < 0) {
		print_none(root, true);
		return EXIT_USAGE;
	}
	if (!wait_exit(pid)) {
		fprintf(stderr,
			"stackfit: the daemon for %s (pid %ld) does not answer "
			"and is still running after SIGTERM\n",
			root, (long)pid);
		return EXIT_USAGE;
	}
	printf("stopped the stackfit daemon for %s (pid %ld), which did not "
	       "answer, with SIGTERM\n",
	       root, (long)pid);
	return EXIT_CLEAN;
}

static int
stop(const char *root)
{
	bool silent;
	json_object *status = ask_status_ex(root, &silent);
	if (status == NULL && silent)
		return stop_silent(root);
	if (status == NULL) {
		print_none(root, false);
		return EXIT_FINDINGS;
	}
	pid_t pid = (pid_t)get_int(status, "pid");
	json_object_put(status);
	char *cause = NULL;
	struct daemon_client *c = daemon_client_connect(root, &cause);
	json_object *result = NULL;
	int code;
	if (c == NULL || daemon_client_call(c, "shutdown", NULL,
					    DAEMON_CLIENT_STATUS_TIMEOUT,
					    &result, &code, &cause) != 0) {
		fprintf(stderr, "stackfit: the daemon for %s: %s\n", root,
			cause ? cause : "no answer");
		free(cause);
		daemon_client_close(c);
		return EXIT_USAGE;
	}
	daemon_client_close(c);
	json_object_put(result);
	if (!wait_exit(pid)) {
		fprintf(stderr,
			"stackfit: the daemon for %s (pid %ld) is still "
			"running\n",
			root, (long)pid);
		return EXIT_USAGE;
	}
	printf("stopped the stackfit daemon for %s (pid %ld)\n", root,
	       (long)pid);
	return EXIT_CLEAN;
}

static void
print_duration(int64_t s)
{
	if (s >= 3600)
		printf("%lldh %02lldm %02llds", (long long)(s / 3600),
		       (long long)(s / 60 % 60), (long long)(s % 60));
	else if (s >= 60)
		printf("%lldm %02llds", (long long)(s / 60),
		       (long long)(s % 60));
	else
		printf("%llds", (long long)s);
}

static int
status(const struct daemon_options *o, const char *root)
{
	bool silent;
	json_object *st = ask_status_ex(root, &silent);
	if (st == NULL) {
		if (o->json) {
			json_object *r = json_object_new_object();
			json_object_object_add(r, "root",
					       json_object_new_string(root));
			json_object_object_add(r, "running",
					       json_object_new_boolean(false));
			if (silent)
				json_object_object_add(
					r, "answering",
					json_object_new_boolean(false));
			printf("%s\n",
			       json_object_to_json_string_ext(
				       r,
				       JSON_C_TO_STRING_PLAIN |
					       JSON_C_TO_STRING_NOSLASHESCAPE));
			json_object_put(r);
		} else {
			print_none(root, silent);
		}
		return EXIT_FINDINGS;
	}
	if (o->json) {
		json_object_object_add(st, "running",
				       json_object_new_boolean(true));
		printf("%s\n",
		       json_object_to_json_string_ext(
			       st, JSON_C_TO_STRING_PLAIN |
					   JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(st);
		return EXIT_CLEAN;
	}
	printf("stackfit daemon for %s\n", get_str(st, "root"));
	printf("  pid:           %lld\n", (long long)get_int(st, "pid"));
	printf("  socket:        %s\n", get_str(st, "socket"));
	printf("  version:       %s\n", get_str(st, "version"));
	printf("  uptime:        ");
	print_duration(get_int(st, "uptimeSeconds"));
	printf("\n  files indexed: %lld (%lld folders watched)\n",
	       (long long)get_int(st, "filesIndexed"),
	       (long long)get_int(st, "watchedFolders"));
	time_t last = (time_t)get_int(st, "lastRefresh");
	printf("  last refresh:  ");
	if (last == 0) {
		printf("never\n");
	} else {
		char stamp[32];
		struct tm tm;
		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ",
			 gmtime_r(&last, &tm));
		printf("%s (", stamp);
		print_duration(time(NULL) - last);
		printf(" ago)\n");
	}
	printf("  requests:      %lld\n", (long long)get_int(st, "requests"));
	int64_t idle = get_int(st, "idleTimeout");
	printf("  idle timeout:  ");
	if (idle == 0)
		printf("none\n");
	else {
		print_duration(idle);
		printf("\n");
	}
	json_object_put(st);
	return EXIT_CLEAN;
}

static int
exec_daemon_cmd(int argc, char **argv)
{
	struct daemon_options o;
	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	char *root = canonical_root(
		o.root, o.root != NULL && strcmp(o.action, "start") != 0);
	if (root == NULL)
		return EXIT_USAGE;
	if (strcmp(o.action, "start") == 0)
		rc = start(&o, root);
	else if (strcmp(o.action, "stop") == 0)
		rc = stop(root);
	else
		rc = status(&o, root);
	free(root);
	return rc;
}

const struct cmd_entry cmd_daemon_entry = {
	.name = "daemon",
	.usage = "start|stop|status [--foreground] [--idle-timeout SECONDS] "
		 "[--format text|json] [ROOT]",
	.summary = "run, stop or show the daemon that check and audit ask",
	.exec = exec_daemon_cmd,
	.serves = true,
};
