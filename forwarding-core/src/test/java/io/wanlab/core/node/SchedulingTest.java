package io.wanlab.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The scheduling policy through the real system call, on threads of their own (the test JVM's others stay normal). */
class SchedulingTest {
    @Test
    void aThreadSetToBatchIsBatchInTheKernelsViewAndItsNewThreadsInheritIt() throws Exception {
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                int tid = Scheduling.currentTid();
                int before = Scheduling.policyOf(tid);
                String refused = Scheduling.setPolicy(tid, Scheduling.SCHED_BATCH);
                int after = Scheduling.policyOf(tid);
                int[] child = new int[1];
                Thread c = new Thread(() -> {
                    try {
                        child[0] = Scheduling.policyOf(Scheduling.currentTid());
                    } catch (Exception e) {
                        child[0] = -2;
                    }
                });
                c.start();
                c.join();
                seen.complete(new int[] {before, refused == null ? 0 : 1, after, child[0]});
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        t.start();
        t.join();
        int[] r = seen.get();
        assertThat(r[0]).as("the policy is readable").isGreaterThanOrEqualTo(0);
        assertThat(r[1]).as("the call succeeds").isZero();
        assertThat(r[2]).as("the kernel then says batch").isEqualTo(Scheduling.SCHED_BATCH);
        assertThat(r[3]).as("a thread it starts inherits batch").isEqualTo(Scheduling.SCHED_BATCH);
    }

    @Test
    void aRefusalSaysWhy() {
        // No such thread: the kernel says ESRCH, which comes back as text, not as an exception.
        assertThat(Scheduling.setPolicy(Integer.MAX_VALUE, Scheduling.SCHED_BATCH)).contains("errno 3");
    }

    @Test
    void statusSaysWhetherAllSomeOrNoneOfTheThreadsRunBatch() {
        assertThat(Scheduling.summary(31, 0, null)).isEqualTo("batch");
        assertThat(Scheduling.summary(0, 31, "Operation not permitted (errno 1)"))
                .isEqualTo("normal (batch refused: Operation not permitted (errno 1))");
        assertThat(Scheduling.summary(29, 2, "Operation not permitted (errno 1)"))
                .as("a node whose threads mostly run batch is not on the normal policy")
                .isEqualTo("partly batch (29 of 31 threads; refused: Operation not permitted (errno 1))");
    }

    @Test
    void threadsOfThisProcessAreListedAndReadable() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        try {
            assertThat(Scheduling.threads()).hasSizeGreaterThan(1).contains(Scheduling.currentTid());
            assertThat(Scheduling.policyOf(Scheduling.currentTid())).as("readable from /proc").isGreaterThanOrEqualTo(0);
        } finally {
            hold.countDown();
            t.join();
        }
    }
}
