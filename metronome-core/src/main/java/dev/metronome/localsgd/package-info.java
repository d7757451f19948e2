/**
 * Local SGD and DiLoCo: ranks that train on their own between synchronisations, and the
 * synchronisation itself ({@code ParameterSync}: one all-reduce of the parameter changes and an
 * {@code OuterOptimizer}, averaging or Nesterov momentum), engine-neutral over a
 * {@code coordination.Collective}.
 */
package dev.metronome.localsgd;
