package org.lacuna.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.lacuna.service.ServiceStatus.TrainingPhase;

/**
 * The service's status, changed only by compare-and-set transitions: two clicks on Sample (or Start) cannot both
 * succeed. Listeners hear every change, on the thread that made it.
 */
final class StateMachine {

    private final AtomicReference<ServiceStatus> status = new AtomicReference<>(ServiceStatus.IDLE);
    private final List<Consumer<ServiceStatus>> listeners = new CopyOnWriteArrayList<>();

    ServiceStatus status() {
        return status.get();
    }

    void addListener(Consumer<ServiceStatus> listener) {
        listeners.add(listener);
    }

    boolean startSampling() {
        return transition(s -> s.sampling() ? null : s.withSampling(true));
    }

    void finishSampling() {
        transition(s -> s.withSampling(false));
    }

    boolean startTraining() {
        return transition(s -> s.training() == TrainingPhase.IDLE ? s.withTraining(TrainingPhase.TRAINING) : null);
    }

    boolean pause() {
        return transition(s -> s.training() == TrainingPhase.TRAINING ? s.withTraining(TrainingPhase.PAUSED) : null);
    }

    boolean resume() {
        return transition(s -> s.training() == TrainingPhase.PAUSED ? s.withTraining(TrainingPhase.TRAINING) : null);
    }

    boolean stop() {
        return transition(s -> s.training() == TrainingPhase.TRAINING || s.training() == TrainingPhase.PAUSED
                ? s.withTraining(TrainingPhase.STOPPING) : null);
    }

    void finishTraining() {
        transition(s -> s.withTraining(TrainingPhase.IDLE));
    }

    /** Applies f atomically; f returns null to refuse. Returns whether the transition happened. */
    private boolean transition(UnaryOperator<ServiceStatus> f) {
        while (true) {
            ServiceStatus current = status.get();
            ServiceStatus next = f.apply(current);
            if (next == null) {
                return false;
            }
            if (status.compareAndSet(current, next)) {
                if (!next.equals(current)) {
                    listeners.forEach(l -> l.accept(next));
                }
                return true;
            }
        }
    }
}
