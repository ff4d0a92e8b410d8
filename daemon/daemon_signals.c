/*
 * The daemon's signals (daemon_signals.h): a signalfd read by a thread of
 * its own, which also watches a pipe that daemon_signals_stop writes to.
 * libuv's signal handles would do as long as the loop runs, which is
 * precisely not the case when a daemon must be stopped by force.
 */
#define _GNU_SOURCE /* pipe2 */
#include "daemon_signals.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "git.h"
#include "util/xalloc.h"

struct daemon_signals {
	uv_async_t *wake;
	const char *socket;
	int sfd;     /* the signalfd */
	int stop[2]; /* daemon_signals_stop writes to stop[1] */
	pthread_t thread;
	_Atomic(const char *) last;
};

static const char *
signal_name(uint32_t signo)
{
	return signo == SIGTERM  ? "SIGTERM"
	       : signo == SIGINT ? "SIGINT"
				 : "SIGHUP";
}

/* Waits up to timeout_ms (-1: for ever) for a signal or the stop pipe.
 * Returns the signal's name, "" when stopped, NULL on a timeout. */
static const char *
wait_for(struct daemon_signals *s, int timeout_ms)
{
	for (;;) {
		struct pollfd p[2] = {
			{.fd = s->sfd, .events = POLLIN},
			{.fd = s->stop[0], .events = POLLIN},
		};
		int n = poll(p, 2, timeout_ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0 ? NULL : "";
		if (p[1].revents != 0)
			return "";
		struct signalfd_siginfo si;
		ssize_t r = read(s->sfd, &si, sizeof si);
		if (r == (ssize_t)sizeof si)
			return signal_name(si.ssi_signo);
	}
}

/* Writes "STAMP [PID] what" to fd 2, as the daemon's log lines are. */
static void
say(const char *what)
{
	char stamp[32], line[256];
	time_t now = time(NULL);
	struct tm tm;
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ",
		 gmtime_r(&now, &tm));
	int n = snprintf(line, sizeof line, "%s [%ld] %s\n", stamp,
			 (long)getpid(), what);
	if (n > 0) {
		ssize_t w = write(2, line,
				  (size_t)n < sizeof line ? (size_t)n
							  : sizeof line - 1);
		(void)w;
	}
}

static void *
run(void *arg)
{
	struct daemon_signals *s = arg;
	const char *sig = wait_for(s, -1);
	if (sig == NULL || sig[0] == '\0')
		return NULL;
	atomic_store(&s->last, sig);
	uv_async_send(s->wake);
	const char *again = wait_for(s, DAEMON_SIGNALS_GRACE_MS);
	if (again != NULL && again[0] == '\0')
		return NULL; /* it stopped by itself */
	char why[128];
	if (again != NULL)
		snprintf(why, sizeof why, "stopping now: a second signal (%s)",
			 again);
	else
		snprintf(why, sizeof why,
			 "stopping now: still busy %d s after %s",
			 DAEMON_SIGNALS_GRACE_MS / 1000, sig);
	say(why);
	git_kill_running();
	unlink(s->socket);
	_exit(1);
}

struct daemon_signals *
daemon_signals_start(uv_async_t *wake, const char *socket, char **cause)
{
	struct daemon_signals *s = xcalloc(1, sizeof *s);
	s->wake = wake;
	s->socket = socket;
	s->sfd = -1;
	s->stop[0] = s->stop[1] = -1;
	atomic_init(&s->last, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	/* An ignored signal is dropped, not queued: the three are the
	 * daemon's to act on even when its parent ignored them (nohup). */
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	int err = pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (err == 0) {
		s->sfd = signalfd(-1, &set, SFD_CLOEXEC);
		if (s->sfd < 0 || pipe2(s->stop, O_CLOEXEC) < 0)
			err = errno;
	}
	if (err == 0)
		err = pthread_create(&s->thread, NULL, run, s);
	if (err != 0) {
		*cause = xasprintf("signals: %s", strerror(err));
		pthread_sigmask(SIG_UNBLOCK, &set, NULL);
		if (s->sfd >= 0)
			close(s->sfd);
		if (s->stop[0] >= 0) {
			close(s->stop[0]);
			close(s->stop[1]);
		}
		free(s);
		return NULL;
	}
	return s;
}

const char *
daemon_signals_last(const struct daemon_signals *s)
{
	return atomic_load(&((struct daemon_signals *)s)->last);
}

void
daemon_signals_stop(struct daemon_signals *s)
{
	if (s == NULL)
		return;
	ssize_t w;
	do
		w = write(s->stop[1], "x", 1);
	while (w < 0 && errno == EINTR);
	pthread_join(s->thread, NULL);
	close(s->sfd);
	close(s->stop[0]);
	close(s->stop[1]);
	free(s);
}
