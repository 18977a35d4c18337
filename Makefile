# SPDX-License-Identifier: GPL-2.0
#
# The lockless shrinker series for Linux 6.1.y: fetch the base, apply,
# build, boot and test. "make help" lists the targets.

BUILD      ?= $(CURDIR)/build
SRC        := $(BUILD)/src
TREE       ?= $(BUILD)/linux
DEBUG      := $(BUILD)/debug
KCSAN      := $(BUILD)/kcsan
PERF       := $(BUILD)/perf
INITRAMFS  := $(BUILD)/initramfs.cpio
SELFTESTS  := $(BUILD)/selftests
BZIMAGE     = $(1)/arch/x86/boot/bzImage
# Guest tests to run (default: all of guest/tests), and where the logs go.
TESTS      ?=
# The KUnit suites the debug kernel runs at boot, with their numbers of
# cases: fewer, or a suite missing, fails the boot (scripts/run-qemu.sh).
# The KCSAN kernel and the mutants' boot run the shrinker suite alone.
SHRINKER_KUNIT := shrinker:10
KUNIT_SUITES ?= $(SHRINKER_KUNIT) slab_dtor:8
BOOT_LOGS  ?= $(BUILD)/boot
# What the KCSAN kernel runs: the registry's tests, KUnit at boot.
KCSAN_TESTS ?= drop-caches memcg-reclaim shrinker-debugfs shrinker_debugfs \
	shrinker_memcg shrinker_registry shrinker_seed shrinker_torture
export BUILD

.PHONY: all run help prereqs base src tree export apply debug perf initramfs selftests boot \
	kcsan boot-kcsan kunit checkpatch check clean base-debug base-shrinkers base-fails bisect bench bench-quick mutants

all: run

help:
	@echo "make            fetch the base, apply the series, build the debug kernel,"
	@echo "                boot it in QEMU and show reclaim walking the shrinkers"
	@echo "make check      every test; ends with 'N passed, N failed'"
	@echo "make prereqs    check the packages the project needs (as root on Debian: install them)"
	@echo "make tree       your work tree $(TREE): base + series, one commit a patch"
	@echo "make export     write the commits of $(TREE) back to patches/"
	@echo "make apply KERNEL_SRC=DIR   apply the series to your own 6.1.y git tree"
	@echo "make base       fetch and verify the pinned base (base.env) into the cache"
	@echo "make debug | perf | kunit | checkpatch | boot   single steps"
	@echo "make boot-kcsan the KCSAN kernel with the registry's tests: a data race in"
	@echo "                what the series touches fails it"
	@echo "make bisect     build the objects each patch touches, patch by patch"
	@echo "make mutants    apply each deliberate bug of tests/mutants in turn: which test kills it"
	@echo "make bench      benchmarks: base, series and 6.12 side by side (report in build/bench/latest)"
	@echo "make bench-quick   one short round, for developers"
	@echo "make base-debug the unpatched base's debug kernel, which the next two boot"
	@echo "make base-shrinkers   capture the base kernel's shrinker names"
	@echo "make base-fails the kselftests on the unpatched base: the tests of the fixes"
	@echo "                must fail there, the others pass (tests/base-outcomes.txt)"
	@echo "KERNEL_SRC=DIR  use your own 6.1.y git tree (its HEAD) as the base"

# Every target that downloads or builds checks the packages first; as root
# on Debian or Ubuntu this installs the missing ones.
prereqs:
	@scripts/prereqs.sh

base: prereqs
	scripts/fetch-base.sh

# The tree the kernels are built from: the base with patches/ applied.
src: prereqs
	FORCE=1 scripts/tree.sh $(SRC)

tree: prereqs
	scripts/tree.sh $(TREE)

export:
	scripts/export.sh $(TREE)

apply:
	@test -n "$(KERNEL_SRC)" || { echo "error: say which tree: make apply KERNEL_SRC=DIR" >&2; exit 1; }
	scripts/apply.sh $(KERNEL_SRC)

debug: src
	scripts/build-kernel.sh debug $(SRC) $(DEBUG)

perf: src
	scripts/build-kernel.sh perf $(SRC) $(PERF)

# The series' kselftests, linked statically for the busybox guest.
selftests: src
	$(MAKE) -s -C $(SRC)/tools/testing/selftests TARGETS=shrinker O=$(SELFTESTS)

# The guest: busybox, guest/, the kselftests, and stress-ng, tc and ip
# (iproute2) from the host.
initramfs: selftests
	TEST_DIRS=$(SELFTESTS)/kselftest/shrinker scripts/mkinitramfs.sh $(INITRAMFS) stress-ng tc ip

boot: debug initramfs
	KUNIT_SUITES="$(KUNIT_SUITES)" scripts/run-qemu.sh $(call BZIMAGE,$(DEBUG)) $(INITRAMFS) $(BOOT_LOGS) $(TESTS)

run: boot

# KCSAN excludes KASAN: a kernel of its own. A data race in a function of a
# C file the series touches fails the boot; the others are listed.
kcsan: src
	scripts/build-kernel.sh kcsan $(SRC) $(KCSAN)

boot-kcsan: kcsan initramfs
	scripts/kcsan-scope.sh $(SRC) $(KCSAN) > $(KCSAN)/scope.txt
	KCSAN_SCOPE=$(KCSAN)/scope.txt KUNIT_SUITES="$(SHRINKER_KUNIT)" scripts/run-qemu.sh \
		$(call BZIMAGE,$(KCSAN)) $(INITRAMFS) $(BUILD)/boot-kcsan $(KCSAN_TESTS)

kunit: src
	scripts/kunit.sh $(SRC) $(BUILD)/uml

checkpatch: src
	scripts/checkpatch.sh $(SRC)

# check.sh checks the packages itself, first.
check:
	scripts/check.sh

# The unpatched base's debug kernel (build/base-debug, from build/base-src),
# which base-shrinkers and base-fails boot.
base-debug: prereqs
	mkdir -p $(BUILD)/no-patches
	PATCHES=$(BUILD)/no-patches FORCE=1 scripts/tree.sh $(BUILD)/base-src
	BASE_ONLY=1 scripts/build-kernel.sh debug $(BUILD)/base-src $(BUILD)/base-debug

# The shrinkers the unpatched base lists in debugfs, which make check
# compares with the patched kernel's: boot the base with the same runner.
base-shrinkers: base-debug
	scripts/mkinitramfs.sh $(BUILD)/base-initramfs.cpio
	scripts/run-qemu.sh $(call BZIMAGE,$(BUILD)/base-debug) $(BUILD)/base-initramfs.cpio $(BUILD)/base-boot shrinker-debugfs
	scripts/shrinker-names.sh $(BUILD)/base-boot/ktap.log > tests/base-shrinkers.txt

# The kselftests on the unpatched base kernel, each against its expected
# outcome there (scripts/base-fails.sh).
base-fails: base-debug initramfs
	scripts/base-fails.sh

# Each deliberate bug of tests/mutants, applied in turn to build/src: the
# harness, KUnit under UML and a debug boot must kill it (scripts/mutants.sh).
mutants: initramfs
	KUNIT_SUITES="$(SHRINKER_KUNIT)" scripts/mutants.sh

bisect: src
	scripts/bisect.sh $(SRC) $(BUILD)/bisect

# The benchmarks (scripts/bench.sh says what they measure and which knobs
# they take): 5 interleaved rounds, or one short one.
bench: prereqs
	scripts/bench.sh

bench-quick: prereqs
	scripts/bench.sh --quick

clean:
	rm -rf $(BUILD)
