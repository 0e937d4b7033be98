package io.minyi.platform;

import org.springframework.context.SmartLifecycle;

/**
 * One daemon thread that works for as long as the node runs: started with the context, interrupted and given three
 * seconds to end when it stops. The LISTEN feeds (the caches' change feed, the duplicate index's feed) are such
 * threads; {@link #isRunning()} is what their loops ask.
 */
public abstract class NodeThread implements SmartLifecycle {

    private volatile boolean running;
    private volatile Thread thread;

    /** The thread's name, as profiles and thread dumps show it. */
    protected abstract String threadName();

    /** The thread's work: returns once {@link #isRunning()} is false or the thread is interrupted. */
    protected abstract void work();

    /** Called when the node stops, before the thread is interrupted. */
    protected void stopping() {
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::work, threadName());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        stopping();
        interruptAndWait(thread);
    }

    /** Interrupts a node's thread and gives it three seconds to end; nothing when there is none. */
    static void interruptAndWait(Thread t) {
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            t.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
