// SPDX-License-Identifier: GPL-2.0
/*
 * benchtool: the timing helpers of the benchmark guest, whose busybox has
 * no clock finer than seconds. Mounting and unmounting tmpfs is the
 * cheapest way for userspace to register and free a shrinker (every
 * superblock has one).
 *
 *   benchtool now
 *	prints CLOCK_MONOTONIC in microseconds.
 *   benchtool latency COUNT DIR
 *	COUNT mount+umount cycles on DIR, one after the other; prints the
 *	cycle latency: "n=COUNT p50_ms=.. p99_ms=.. max_ms=..".
 *   benchtool storm SECONDS THREADS DIR
 *	THREADS threads mount and unmount in a loop, each on its own
 *	directory under DIR, for SECONDS; prints "cycles=N per_s=..".
 *   benchtool run PROGRAM [ARG...]
 *	runs PROGRAM, waits for it and prints its wall-clock, user and
 *	system time: "benchtool: wall_ms=.. user_ms=.. sys_ms=..". Exits
 *	with its status (1 if it did not exit normally).
 *
 * Built statically for the benchmark guest.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "benchtool: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void cycle(const char *dir)
{
	if (mount("benchtool", dir, "tmpfs", 0, "size=1m"))
		die("mount tmpfs on", dir);
	if (umount(dir))
		die("umount", dir);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The value below which P percent of the sorted samples lie (nearest rank). */
static double percentile(const double *v, int n, int p)
{
	int rank = (n * p + 99) / 100;

	return v[rank > 0 ? rank - 1 : 0];
}

static int latency(int count, const char *dir)
{
	double *v = calloc(count, sizeof(*v));
	int i;

	if (!v)
		die("calloc", "");
	if (mkdir(dir, 0755) && errno != EEXIST)
		die("mkdir", dir);
	for (i = 0; i < count; i++) {
		double start = now_ms();

		cycle(dir);
		v[i] = now_ms() - start;
	}
	qsort(v, count, sizeof(*v), cmp_double);
	printf("n=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n", count,
	       percentile(v, count, 50), percentile(v, count, 99), v[count - 1]);
	free(v);
	return 0;
}

struct storm_thread {
	pthread_t thread;
	char dir[4096];
	double until;
	long cycles;
};

static void *storm_fn(void *arg)
{
	struct storm_thread *t = arg;

	while (now_ms() < t->until) {
		cycle(t->dir);
		t->cycles++;
	}
	return NULL;
}

static int storm(int seconds, int threads, const char *dir)
{
	struct storm_thread *t = calloc(threads, sizeof(*t));
	double start = now_ms();
	long cycles = 0;
	int i;

	if (!t)
		die("calloc", "");
	for (i = 0; i < threads; i++) {
		snprintf(t[i].dir, sizeof(t[i].dir), "%s/storm%d", dir, i);
		if (mkdir(t[i].dir, 0755) && errno != EEXIST)
			die("mkdir", t[i].dir);
		t[i].until = start + seconds * 1e3;
		if (pthread_create(&t[i].thread, NULL, storm_fn, &t[i]))
			die("pthread_create", "");
	}
	for (i = 0; i < threads; i++) {
		pthread_join(t[i].thread, NULL);
		cycles += t[i].cycles;
	}
	printf("cycles=%ld per_s=%.1f\n", cycles, cycles * 1e3 / (now_ms() - start));
	free(t);
	return 0;
}

static double tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

static int run(char **argv)
{
	double start = now_ms();
	struct rusage ru;
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork", argv[0]);
	if (pid == 0) {
		execvp(argv[0], argv);
		die("exec", argv[0]);
	}
	if (wait4(pid, &status, 0, &ru) != pid)
		die("wait4", argv[0]);
	printf("benchtool: wall_ms=%.3f user_ms=%.3f sys_ms=%.3f\n", now_ms() - start,
	       tv_ms(ru.ru_utime), tv_ms(ru.ru_stime));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: benchtool now\n"
			"       benchtool latency COUNT DIR\n"
			"       benchtool storm SECONDS THREADS DIR\n"
			"       benchtool run PROGRAM [ARG...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "now")) {
		printf("%.0f\n", now_ms() * 1e3);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "latency") && atoi(argv[2]) > 0)
		return latency(atoi(argv[2]), argv[3]);
	if (argc == 5 && !strcmp(argv[1], "storm") && atoi(argv[2]) > 0 && atoi(argv[3]) > 0)
		return storm(atoi(argv[2]), atoi(argv[3]), argv[4]);
	if (argc >= 3 && !strcmp(argv[1], "run"))
		return run(argv + 2);
	return usage();
}
