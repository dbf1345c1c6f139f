package org.lacuna.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lacuna.train.TrainingControl;

class StepGateTest {

    private final TrainingControl control = new TrainingControl();
    private final AtomicInteger step = new AtomicInteger();
    private final AtomicInteger heldTurns = new AtomicInteger();
    private final AtomicInteger takes = new AtomicInteger();
    private final AtomicReference<Thread> takenOn = new AtomicReference<>();
    private final StepGate<String> gate = new StepGate<>(() -> {
        takes.incrementAndGet();
        takenOn.set(Thread.currentThread());
        return "ema@" + step.get();
    }, s -> s + " (copy)", control, 30_000);
    private final Thread trainer = new Thread(this::train, "fake-trainer");

    /** A trainer's loop: a "step" of a few ms, then the listeners (the gate), then parked while paused. */
    private void train() {
        try {
            while (!control.isStopRequested()) {
                Thread.sleep(5);
                step.incrementAndGet();
                gate.between();
                while (control.isPaused()) {
                    heldTurns.incrementAndGet();
                    Thread.sleep(5);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stopTrainer() throws InterruptedException {
        control.stop();
        trainer.join(5_000);
    }

    @Test
    void aRequestIsServedOnTheTrainingThreadBetweenSteps() {
        trainer.start();
        String copy = gate.request();
        assertTrue(copy.startsWith("ema@"), copy);
        assertSame(trainer, takenOn.get());
    }

    @Test
    void whileParkedRequestsAreServedFromTheKeptCopyWithoutWakingTheTrainer() throws Exception {
        trainer.start();
        gate.requestPause();
        TrainingFixtures.waitFor(gate::isParked);
        int parkedAt = step.get();
        int taken = takes.get();
        String copy = gate.request();
        assertEquals("ema@" + parkedAt + " (copy)", copy);
        assertEquals(taken, takes.get());
        int turns = heldTurns.get();
        TrainingFixtures.waitFor(() -> heldTurns.get() >= turns + 3); // the trainer went round its hold 3 times
        assertEquals(parkedAt, step.get(), "the trainer moved while parked");

        gate.resume();
        assertFalse(gate.isParked());
        TrainingFixtures.waitFor(() -> step.get() > parkedAt + 2);
        gate.stop();
        trainer.join(5_000);
        gate.close(true);
        assertThrows(IllegalStateException.class, gate::request);
    }

    @Test
    void aRequestStillWaitingWhenTheRunEndsGetsALastCopyOrAnError() throws Exception {
        StepGate<String> idle = new StepGate<>(() -> "final", s -> s, control, 30_000);
        AtomicReference<Object> got = new AtomicReference<>();
        Thread asker = new Thread(() -> {
            try {
                got.set(idle.request());
            } catch (RuntimeException e) {
                got.set(e);
            }
        });
        asker.start();
        TrainingFixtures.waitFor(() -> idle.waitingRequests() == 1); // the request waits for a step boundary
        idle.close(true);
        asker.join(30_000);
        assertEquals("final", got.get());
    }
}
