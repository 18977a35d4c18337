// SPDX-License-Identifier: GPL-2.0
/*
 * shrinker_bench: test shrinkers for the benchmarks of the shrinker series.
 *
 * Not part of the series: it is built out of tree against every kernel the
 * benchmarks compare (the 6.1 base, the series, 6.12), with the shrinker API
 * that kernel has. It is driven through /sys/kernel/debug/shrinker_bench/:
 *
 * pool           A global shrinker with a pool of pretend objects. Writing N
 *                fills the pool with N objects, reading gives what is left.
 *                Its scan takes what it is asked for from the pool, so one
 *                reclaim pass that reaches it empties the pool.
 * pool_freed     Objects taken from the pool by reclaim since loading.
 * slow_ms        Writing MS registers a shrinker whose scan sleeps MS
 *                milliseconds (0 frees it again).
 * slow_calls     Calls of the slow shrinker's scan since loading.
 * memcg_objects  Writing N allocates N objects, charged to the memcg of the
 *                writer, onto the list_lru of a memcg-aware shrinker, which
 *                counts them and never frees them: every reclaim pass over
 *                that memcg calls the shrinker and does the same work.
 *                Reading gives the number of objects.
 * memcg_counts   Calls of that shrinker's count_objects; writing resets.
 * idle           Writing K frees the idle shrinkers and registers K new ones:
 *                memcg-aware, no objects anywhere (like the superblock
 *                shrinker of an idle filesystem), and SHRINKER_ROOT_BIT
 *                where the kernel has it and idle_root_bit says so (as the
 *                superblock shrinker has it, but for XFS). Reading gives K.
 * idle_root_bit  Whether the next idle shrinkers get SHRINKER_ROOT_BIT:
 *                Y (the default) or N.
 * lru            Writing N adds one object, charged to the memcg of the
 *                writer, to a memcg-aware list_lru and deletes it again, N
 *                times: each add finds the list of the memcg empty, so it
 *                marks the list's shrinker as having objects there
 *                (set_shrinker_bit()). Each writer takes the next of
 *                BENCH_LRU_LISTS lists, each with a shrinker of its own,
 *                whose ids are neighbours: writers on several CPUs mark
 *                bits in one word of the memcg's shrinker bitmap.
 * slab           Writing N times the slab allocator on two 64-byte caches
 *                the module creates at load, one plain (no constructor) and
 *                one whose constructor does nothing: N kmem_cache_alloc()+
 *                kmem_cache_free() pairs in a tight loop (the fast path), and
 *                N pairs in batches that allocate BENCH_SLAB_BATCH objects and
 *                then free them all (refill: new slabs are allocated and
 *                empty ones freed, allocate_slab() and __free_slab()), with
 *                kmem_cache_shrink() between batches, outside the timing.
 *                Each is run BENCH_SLAB_REPS times, interleaved; reading
 *                gives the medians in nanoseconds per pair:
 *                "fast_ns=.. refill_ns=.. ctor_fast_ns=.. ctor_refill_ns=..
 *                ops=N reps=R batch=B".
 */
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/list_lru.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/sort.h>

#define BENCH_MAX_IDLE	100000
/* What the slow shrinker reports: one batch, so a pass makes one call. */
#define BENCH_SLOW_OBJECTS	128

/* slab: the most pairs one write may ask for, and the repetitions. */
#define BENCH_SLAB_MAX_OPS	1000000000ULL
#define BENCH_SLAB_REPS		5
/* 64 order-0 slabs of 64-byte objects: most of them are freed on the way. */
#define BENCH_SLAB_BATCH	4096
#define BENCH_SLAB_SIZE		64

/* lru: one list, and one shrinker, for each concurrent writer */
#define BENCH_LRU_LISTS		16

/* Serialises the writes of the control files. */
static DEFINE_MUTEX(bench_lock);

/*
 * The two shrinker APIs. With shrinker_alloc() (the series, 6.12) the
 * shrinker is allocated, set up and then registered. The 6.1 base only
 * exports register_shrinker(), which does both at once, so there
 * bench_shrinker_create() returns the shrinker registered already and
 * bench_shrinker_register() has nothing left to do.
 */
#ifdef BENCH_SHRINKER_ALLOC
static struct shrinker *
bench_shrinker_create(unsigned int flags, const char *name, int nr,
		      unsigned long (*count)(struct shrinker *, struct shrink_control *),
		      unsigned long (*scan)(struct shrinker *, struct shrink_control *))
{
	struct shrinker *shrinker = shrinker_alloc(flags, "%s-%d", name, nr);

	if (!shrinker)
		return NULL;
	shrinker->count_objects = count;
	shrinker->scan_objects = scan;
	return shrinker;
}

static void bench_shrinker_register(struct shrinker *shrinker)
{
	shrinker_register(shrinker);
}

static void bench_shrinker_free(struct shrinker *shrinker)
{
	shrinker_free(shrinker);
}
#else
static struct shrinker *
bench_shrinker_create(unsigned int flags, const char *name, int nr,
		      unsigned long (*count)(struct shrinker *, struct shrink_control *),
		      unsigned long (*scan)(struct shrinker *, struct shrink_control *))
{
	struct shrinker *shrinker = kzalloc(sizeof(*shrinker), GFP_KERNEL);

	if (!shrinker)
		return NULL;
	shrinker->flags = flags;
	shrinker->seeks = DEFAULT_SEEKS;
	shrinker->count_objects = count;
	shrinker->scan_objects = scan;
	if (register_shrinker(shrinker, "%s-%d", name, nr)) {
		kfree(shrinker);
		return NULL;
	}
	return shrinker;
}

static void bench_shrinker_register(struct shrinker *shrinker)
{
}

static void bench_shrinker_free(struct shrinker *shrinker)
{
	unregister_shrinker(shrinker);
	kfree(shrinker);
}
#endif

/* pool: a global shrinker that frees what it is asked to. */
static struct shrinker *pool_shrinker;
static atomic_long_t pool_objects;
static atomic_long_t pool_freed;

static unsigned long pool_count(struct shrinker *shrinker, struct shrink_control *sc)
{
	return atomic_long_read(&pool_objects);
}

static unsigned long pool_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	long old = atomic_long_read(&pool_objects);
	long take;

	do {
		take = min_t(long, old, sc->nr_to_scan);
		if (!take)
			return SHRINK_STOP;
	} while (!atomic_long_try_cmpxchg(&pool_objects, &old, old - take));
	atomic_long_add(take, &pool_freed);
	return take;
}

/* slow: a shrinker whose scan sleeps, as one stuck on I/O would. */
static struct shrinker *slow_shrinker;
static unsigned int slow_ms;
static atomic_long_t slow_calls;

static unsigned long slow_count(struct shrinker *shrinker, struct shrink_control *sc)
{
	return BENCH_SLOW_OBJECTS;
}

static unsigned long slow_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	atomic_long_inc(&slow_calls);
	msleep(READ_ONCE(slow_ms));
	return SHRINK_STOP;
}

/* memcg: a memcg-aware shrinker counting objects it never frees. */
struct bench_object {
	struct list_head lru;		/* on bench_lru */
	struct list_head all;		/* on bench_objects, for unloading */
};

static struct shrinker *memcg_shrinker;
static struct kmem_cache *bench_cache;
static struct list_lru bench_lru;
static bool bench_lru_ready;
static LIST_HEAD(bench_objects);
static unsigned long nr_bench_objects;
static atomic_long_t memcg_counts;

static unsigned long memcg_count(struct shrinker *shrinker, struct shrink_control *sc)
{
	atomic_long_inc(&memcg_counts);
	/*
	 * On the base the shrinker is live before bench_lru is: pairs with
	 * the smp_store_release() in shrinker_bench_init().
	 */
	if (!smp_load_acquire(&bench_lru_ready))
		return 0;
	return list_lru_shrink_count(&bench_lru, sc);
}

static unsigned long memcg_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	return SHRINK_STOP;
}

/*
 * The series lets a list_lru shrinker ask global reclaim to call it only
 * while it has objects in the root memcg; the base and 6.12 call every
 * shrinker on every pass.
 */
#ifndef SHRINKER_ROOT_BIT
#define SHRINKER_ROOT_BIT	0
#endif

/* idle: memcg-aware shrinkers that never have anything to free. */
static struct shrinker **idle_shrinkers;
static unsigned int nr_idle;
static bool idle_root_bit = true;

/*
 * SHRINK_EMPTY, as super_cache_count() says for an idle filesystem, lets
 * reclaim clear the shrinker's bit in the memcg: 6.1 sets every old bit
 * when it grows shrinker_info, and a shrinker that answered 0 instead
 * would be called on every pass from then on.
 */
static unsigned long idle_count(struct shrinker *shrinker, struct shrink_control *sc)
{
	return SHRINK_EMPTY;
}

static unsigned long idle_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	return SHRINK_STOP;
}

static void idle_free_all(void)
{
	while (nr_idle) {
		bench_shrinker_free(idle_shrinkers[--nr_idle]);
		cond_resched();
	}
	kvfree(idle_shrinkers);
	idle_shrinkers = NULL;
}

/* The control files. */
static int pool_get(void *data, u64 *val)
{
	*val = atomic_long_read(&pool_objects);
	return 0;
}

static int pool_set(void *data, u64 val)
{
	if (val > LONG_MAX)
		return -EINVAL;
	atomic_long_set(&pool_objects, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(pool_fops, pool_get, pool_set, "%llu\n");

static int pool_freed_get(void *data, u64 *val)
{
	*val = atomic_long_read(&pool_freed);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(pool_freed_fops, pool_freed_get, NULL, "%llu\n");

static int slow_ms_get(void *data, u64 *val)
{
	*val = READ_ONCE(slow_ms);
	return 0;
}

static int slow_ms_set(void *data, u64 val)
{
	int ret = 0;

	if (val > 10000)
		return -EINVAL;
	mutex_lock(&bench_lock);
	if (slow_shrinker) {
		bench_shrinker_free(slow_shrinker);
		slow_shrinker = NULL;
	}
	WRITE_ONCE(slow_ms, val);
	if (val) {
		slow_shrinker = bench_shrinker_create(0, "bench-slow", 0, slow_count, slow_scan);
		if (slow_shrinker)
			bench_shrinker_register(slow_shrinker);
		else
			ret = -ENOMEM;
	}
	mutex_unlock(&bench_lock);
	return ret;
}
DEFINE_DEBUGFS_ATTRIBUTE(slow_ms_fops, slow_ms_get, slow_ms_set, "%llu\n");

static int slow_calls_get(void *data, u64 *val)
{
	*val = atomic_long_read(&slow_calls);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(slow_calls_fops, slow_calls_get, NULL, "%llu\n");

static int memcg_objects_get(void *data, u64 *val)
{
	mutex_lock(&bench_lock);
	*val = nr_bench_objects;
	mutex_unlock(&bench_lock);
	return 0;
}

/* Allocate @val objects charged to the memcg of the writing task. */
static int memcg_objects_set(void *data, u64 val)
{
	struct bench_object *obj;
	int ret = 0;

	if (val > 1000000)
		return -EINVAL;
	mutex_lock(&bench_lock);
	while (val--) {
		obj = kmem_cache_alloc_lru(bench_cache, &bench_lru, GFP_KERNEL);
		if (!obj) {
			ret = -ENOMEM;
			break;
		}
		list_add(&obj->all, &bench_objects);
		nr_bench_objects++;
		/* list_lru_add() adds only items that are on no list. */
		INIT_LIST_HEAD(&obj->lru);
#ifdef BENCH_LIST_LRU_ADD_OBJ
		list_lru_add_obj(&bench_lru, &obj->lru);
#else
		list_lru_add(&bench_lru, &obj->lru);
#endif
	}
	mutex_unlock(&bench_lock);
	return ret;
}
DEFINE_DEBUGFS_ATTRIBUTE(memcg_objects_fops, memcg_objects_get, memcg_objects_set, "%llu\n");

static int memcg_counts_get(void *data, u64 *val)
{
	*val = atomic_long_read(&memcg_counts);
	return 0;
}

static int memcg_counts_set(void *data, u64 val)
{
	atomic_long_set(&memcg_counts, 0);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(memcg_counts_fops, memcg_counts_get, memcg_counts_set, "%llu\n");

static int idle_get(void *data, u64 *val)
{
	*val = READ_ONCE(nr_idle);
	return 0;
}

static int idle_set(void *data, u64 val)
{
	struct shrinker *shrinker;
	int ret = 0;

	if (val > BENCH_MAX_IDLE)
		return -EINVAL;
	mutex_lock(&bench_lock);
	idle_free_all();
	if (val) {
		idle_shrinkers = kvcalloc(val, sizeof(*idle_shrinkers), GFP_KERNEL);
		if (!idle_shrinkers)
			ret = -ENOMEM;
	}
	while (!ret && nr_idle < val) {
		shrinker = bench_shrinker_create(SHRINKER_MEMCG_AWARE |
						 (idle_root_bit ? SHRINKER_ROOT_BIT : 0),
						 "bench-idle",
						 nr_idle, idle_count, idle_scan);
		if (!shrinker) {
			ret = -ENOMEM;
			break;
		}
		bench_shrinker_register(shrinker);
		idle_shrinkers[nr_idle++] = shrinker;
		/*
		 * Let RCU end its grace periods: 6.1 frees each shrinker_info
		 * it outgrows with kvfree_rcu(), and 100,000 registrations in
		 * a non-preemptible loop filled 2G with them.
		 */
		cond_resched();
	}
	if (ret)
		idle_free_all();
	mutex_unlock(&bench_lock);
	return ret;
}
DEFINE_DEBUGFS_ATTRIBUTE(idle_fops, idle_get, idle_set, "%llu\n");

/* lru: see the top of the file. The shrinkers never find an object. */
static struct list_lru lru_lists[BENCH_LRU_LISTS];
static struct shrinker *lru_shrinkers[BENCH_LRU_LISTS];
static atomic_t lru_next = ATOMIC_INIT(0);

static int lru_set(void *data, u64 val)
{
	int i = (unsigned int)atomic_inc_return(&lru_next) % BENCH_LRU_LISTS;
	struct list_lru *lru = &lru_lists[i];
	struct bench_object *obj;

	if (val > 100000000)
		return -EINVAL;
	/* Allocated for @lru: its list for the writer's memcg must exist */
	obj = kmem_cache_alloc_lru(bench_cache, lru, GFP_KERNEL);
	if (!obj)
		return -ENOMEM;
	INIT_LIST_HEAD(&obj->lru);
	while (val--) {
#ifdef BENCH_LIST_LRU_ADD_OBJ
		list_lru_add_obj(lru, &obj->lru);
		list_lru_del_obj(lru, &obj->lru);
#else
		list_lru_add(lru, &obj->lru);
		list_lru_del(lru, &obj->lru);
#endif
		if (!(val % 4096))
			cond_resched();
	}
	kmem_cache_free(bench_cache, obj);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(lru_fops, NULL, lru_set, "%llu\n");

static void lru_destroy(void)
{
	int i;

	for (i = 0; i < BENCH_LRU_LISTS; i++) {
		if (!lru_shrinkers[i])
			break;
		bench_shrinker_free(lru_shrinkers[i]);
		list_lru_destroy(&lru_lists[i]);
	}
}

static int lru_create(void)
{
	int i;

	for (i = 0; i < BENCH_LRU_LISTS; i++) {
		lru_shrinkers[i] = bench_shrinker_create(SHRINKER_MEMCG_AWARE, "bench-lru", i,
							 idle_count, idle_scan);
		if (!lru_shrinkers[i])
			goto err;
		if (list_lru_init_memcg(&lru_lists[i], lru_shrinkers[i])) {
			bench_shrinker_free(lru_shrinkers[i]);
			lru_shrinkers[i] = NULL;
			goto err;
		}
		bench_shrinker_register(lru_shrinkers[i]);
	}
	return 0;
err:
	lru_destroy();
	return -ENOMEM;
}

/*
 * slab: what the slab allocator costs a cache, on its fast path and when
 * slabs come and go. The caches are created with SLAB_NOLEAKTRACE, which
 * changes nothing without kmemleak or slub_debug, so that they are never
 * merged with kmalloc-64 (a cache with a constructor never is): the
 * benchmark then owns every slab of its caches, and the rest of the kernel
 * does not disturb the counts.
 *
 * The constructor's type is that of the kernel's kmem_cache_create():
 * "int (*)(void *)", 0 for success, where constructors may fail (the
 * series, detected by Kbuild), "void (*)(void *)" before (6.1, 6.12).
 */
static struct kmem_cache *slab_plain, *slab_ctor;
static void **slab_batch;
static char slab_result[256] = "none\n";

#ifdef BENCH_SLAB_CTOR_INT
static int slab_nop_ctor(void *object)
{
	return 0;
}
#else
static void slab_nop_ctor(void *object)
{
}
#endif

/* Nanoseconds for @ops pairs of alloc+free of one object at a time. */
static int slab_fast(struct kmem_cache *s, u64 ops, u64 *ns)
{
	u64 i, t0;
	void *p;

	/* Warm up: the first allocation may have to get a slab. */
	p = kmem_cache_alloc(s, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	kmem_cache_free(s, p);

	t0 = ktime_get_ns();
	for (i = 0; i < ops; i++) {
		p = kmem_cache_alloc(s, GFP_KERNEL);
		if (unlikely(!p))
			return -ENOMEM;
		kmem_cache_free(s, p);
	}
	*ns = ktime_get_ns() - t0;
	return 0;
}

/*
 * Nanoseconds for @ops pairs (rounded up to whole batches) made of batches
 * of BENCH_SLAB_BATCH allocations followed by as many frees. Every batch
 * starts from an empty cache: kmem_cache_shrink() (untimed) gives back the
 * slabs that the frees of the previous batch left on the partial list.
 */
static int slab_refill(struct kmem_cache *s, u64 ops, u64 *ns)
{
	unsigned int i, n = min_t(u64, ops, BENCH_SLAB_BATCH);
	u64 done, t0, sum = 0;
	int ret = 0;

	kmem_cache_shrink(s);
	for (done = 0; done < ops; done += n) {
		t0 = ktime_get_ns();
		for (i = 0; i < n; i++) {
			slab_batch[i] = kmem_cache_alloc(s, GFP_KERNEL);
			if (unlikely(!slab_batch[i]))
				break;
		}
		if (unlikely(i < n))
			ret = -ENOMEM;
		while (i)
			kmem_cache_free(s, slab_batch[--i]);
		sum += ktime_get_ns() - t0;
		kmem_cache_shrink(s);
		if (ret)
			return ret;
		cond_resched();
	}
	*ns = sum;
	return 0;
}

static int slab_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* The median of @ns (sorted in place), in picoseconds per pair. */
static u64 slab_median_ps(u64 *ns, u64 pairs)
{
	sort(ns, BENCH_SLAB_REPS, sizeof(*ns), slab_cmp, NULL);
	return div64_u64(ns[BENCH_SLAB_REPS / 2] * 1000, pairs);
}

static ssize_t slab_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
	static const char * const names[] = { "fast_ns", "refill_ns", "ctor_fast_ns",
					       "ctor_refill_ns" };
	u64 ns[ARRAY_SIZE(names)][BENCH_SLAB_REPS];
	u64 ops, refill_ops, ps;
	u32 frac;
	char *out = slab_result;
	size_t size = sizeof(slab_result);
	int i, r, ret;

	ret = kstrtou64_from_user(buf, len, 0, &ops);
	if (ret)
		return ret;
	if (!ops || ops > BENCH_SLAB_MAX_OPS)
		return -EINVAL;
	refill_ops = roundup(ops, min_t(u64, ops, BENCH_SLAB_BATCH));

	mutex_lock(&bench_lock);
	/* Repetitions interleave the four, so that drift hits all alike. */
	for (r = 0; r < BENCH_SLAB_REPS && !ret; r++) {
		ret = slab_fast(slab_plain, ops, &ns[0][r]) ?:
		      slab_refill(slab_plain, ops, &ns[1][r]) ?:
		      slab_fast(slab_ctor, ops, &ns[2][r]) ?:
		      slab_refill(slab_ctor, ops, &ns[3][r]);
		cond_resched();
	}
	if (!ret) {
		for (i = 0; i < ARRAY_SIZE(names); i++) {
			ps = slab_median_ps(ns[i], i % 2 ? refill_ops : ops);
			ps = div_u64_rem(ps, 1000, &frac);
			r = scnprintf(out, size, "%s=%llu.%03u ", names[i], ps, frac);
			out += r;
			size -= r;
		}
		scnprintf(out, size, "ops=%llu reps=%d batch=%llu\n", ops, BENCH_SLAB_REPS,
			  min_t(u64, ops, BENCH_SLAB_BATCH));
	}
	mutex_unlock(&bench_lock);
	return ret ?: len;
}

static ssize_t slab_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	char result[sizeof(slab_result)];

	mutex_lock(&bench_lock);
	strscpy(result, slab_result, sizeof(result));
	mutex_unlock(&bench_lock);
	return simple_read_from_buffer(buf, len, ppos, result, strlen(result));
}

static const struct file_operations slab_fops = {
	.owner = THIS_MODULE,
	.read = slab_read,
	.write = slab_write,
	.llseek = default_llseek,
};

static void slab_destroy(void)
{
	kmem_cache_destroy(slab_ctor);
	kmem_cache_destroy(slab_plain);
	kvfree(slab_batch);
}

static int slab_create(void)
{
	slab_batch = kvcalloc(BENCH_SLAB_BATCH, sizeof(*slab_batch), GFP_KERNEL);
	slab_plain = kmem_cache_create("shrinker_bench_slab", BENCH_SLAB_SIZE, 0,
				       SLAB_NOLEAKTRACE, NULL);
	slab_ctor = kmem_cache_create("shrinker_bench_slab_ctor", BENCH_SLAB_SIZE, 0,
				      SLAB_NOLEAKTRACE, slab_nop_ctor);
	if (slab_batch && slab_plain && slab_ctor)
		return 0;
	slab_destroy();
	return -ENOMEM;
}

static struct dentry *bench_dir;

static int __init shrinker_bench_init(void)
{
	int ret = -ENOMEM;

	ret = slab_create();
	if (ret)
		return ret;
	ret = -ENOMEM;
	bench_cache = kmem_cache_create("shrinker_bench_object", sizeof(struct bench_object),
					0, SLAB_ACCOUNT, NULL);
	if (!bench_cache)
		goto err_slab;

	pool_shrinker = bench_shrinker_create(0, "bench-pool", 0, pool_count, pool_scan);
	if (!pool_shrinker)
		goto err_cache;
	bench_shrinker_register(pool_shrinker);

	memcg_shrinker = bench_shrinker_create(SHRINKER_MEMCG_AWARE, "bench-memcg", 0,
					       memcg_count, memcg_scan);
	if (!memcg_shrinker)
		goto err_pool;
	ret = list_lru_init_memcg(&bench_lru, memcg_shrinker);
	if (ret)
		goto err_memcg;
	/* Pairs with the smp_load_acquire() in memcg_count(). */
	smp_store_release(&bench_lru_ready, true);
	bench_shrinker_register(memcg_shrinker);

	ret = lru_create();
	if (ret)
		goto err_lru;

	bench_dir = debugfs_create_dir("shrinker_bench", NULL);
	debugfs_create_file_unsafe("pool", 0600, bench_dir, NULL, &pool_fops);
	debugfs_create_file_unsafe("pool_freed", 0400, bench_dir, NULL, &pool_freed_fops);
	debugfs_create_file_unsafe("slow_ms", 0600, bench_dir, NULL, &slow_ms_fops);
	debugfs_create_file_unsafe("slow_calls", 0400, bench_dir, NULL, &slow_calls_fops);
	debugfs_create_file_unsafe("memcg_objects", 0600, bench_dir, NULL, &memcg_objects_fops);
	debugfs_create_file_unsafe("memcg_counts", 0600, bench_dir, NULL, &memcg_counts_fops);
	debugfs_create_file_unsafe("idle", 0600, bench_dir, NULL, &idle_fops);
	debugfs_create_bool("idle_root_bit", 0600, bench_dir, &idle_root_bit);
	debugfs_create_file("slab", 0600, bench_dir, NULL, &slab_fops);
	debugfs_create_file_unsafe("lru", 0200, bench_dir, NULL, &lru_fops);
	return 0;

err_lru:
	bench_shrinker_free(memcg_shrinker);
	list_lru_destroy(&bench_lru);
	goto err_pool;
err_memcg:
	bench_shrinker_free(memcg_shrinker);
err_pool:
	bench_shrinker_free(pool_shrinker);
err_cache:
	kmem_cache_destroy(bench_cache);
err_slab:
	slab_destroy();
	return ret;
}

static void __exit shrinker_bench_exit(void)
{
	struct bench_object *obj, *next;

	debugfs_remove_recursive(bench_dir);
	idle_free_all();
	lru_destroy();
	if (slow_shrinker)
		bench_shrinker_free(slow_shrinker);
	bench_shrinker_free(pool_shrinker);
	/* No callback runs after this: the objects can go. */
	bench_shrinker_free(memcg_shrinker);
	list_lru_destroy(&bench_lru);
	list_for_each_entry_safe(obj, next, &bench_objects, all)
		kmem_cache_free(bench_cache, obj);
	kmem_cache_destroy(bench_cache);
	slab_destroy();
}

module_init(shrinker_bench_init);
module_exit(shrinker_bench_exit);
MODULE_DESCRIPTION("Test shrinkers for the shrinker series' benchmarks");
MODULE_LICENSE("GPL");
