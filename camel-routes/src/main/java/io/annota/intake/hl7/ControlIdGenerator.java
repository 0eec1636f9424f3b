package io.annota.intake.hl7;

import ca.uhn.hl7v2.util.idgenerator.IDGenerator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory generator of message control ids (MSH-10) for the ACKs this application sends.
 *
 * <p>HAPI's default writes an {@code id_file} into the working directory; its {@code InMemoryIDGenerator}
 * restarts at 1 with every JVM, so ids would repeat after a restart. This one starts at the start-up time in
 * microseconds since the epoch (16 digits, within MSH-10's 20 characters) and counts up, so ids stay unique
 * across restarts unless more than a million ACKs per second are sent on average. Thread-safe, touches no
 * file.
 */
final class ControlIdGenerator implements IDGenerator {

    private final AtomicLong last = new AtomicLong(System.currentTimeMillis() * 1000L);

    @Override
    public String getID() {
        return Long.toString(last.incrementAndGet());
    }
}
