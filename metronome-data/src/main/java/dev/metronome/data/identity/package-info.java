/**
 * What a checkpoint must match to continue bit for bit: {@code TaskSignature} and {@code
 * DatasetIdentity} (name, sizes, fingerprint), as the task's state JSON.
 */
package dev.metronome.data.identity;
