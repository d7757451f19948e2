/**
 * The synthetic fraud-detection data set: a seeded transaction generator and the formula whose
 * planted signal decides the probability of fraud.
 */
package dev.metronome.data.fraud;
