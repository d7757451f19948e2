/**
 * Data-parallel runs from the command line: {@code LaunchPlan} (how many workers, which ranks, where
 * rank 0 is, from {@code --nproc-per-node}/{@code --nnodes}/... or the environment), the
 * {@code WorkerLauncher} that starts this machine's workers as torchrun does, and
 * {@code WorkerEnvironment}, which reads c10d's variables in a worker into core's {@code Rendezvous}.
 */
package dev.metronome.cli.distributed;
