package io.annota.bench.driver;

/**
 * One message to replay and the set it belongs to, so that answers can be counted per set.
 *
 * @param set the set: for files the folder it came from (see {@link Hl7Files#load}), for generated messages the
 *        generator's kind
 * @param bytes the wire bytes (without MLLP framing)
 */
public record Hl7Message(String set, byte[] bytes) {
}
