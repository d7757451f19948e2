package dev.metronome.cli.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {

    @Test
    void theSecondOfTwoMachines_startsGlobalRanksTwoAndThree_withLocalRanksFromZero() {
        LaunchPlan plan = LaunchPlan.of(2, 2, 1, "10.0.0.1", 29500, Map.of());

        assertThat(plan.worldSize()).isEqualTo(4);
        assertThat(plan.workerEnvironment(0)).containsEntry("RANK", "2").containsEntry("LOCAL_RANK", "0")
                .containsEntry("WORLD_SIZE", "4").containsEntry("LOCAL_WORLD_SIZE", "2")
                .containsEntry("MASTER_ADDR", "10.0.0.1").containsEntry("MASTER_PORT", "29500");
        assertThat(plan.workerEnvironment(1)).containsEntry("RANK", "3").containsEntry("LOCAL_RANK", "1");
    }

    @Test
    void flagsMissing_fallBackToTheEnvironment_asTorchrunsVariables() {
        LaunchPlan plan = LaunchPlan.of(1, 2, null, null, null,
                Map.of("MASTER_ADDR", "node-a", "MASTER_PORT", "29511", "NODE_RANK", "1"));

        assertThat(plan).isEqualTo(new LaunchPlan(1, 2, 1, "node-a", 29511));
        assertThat(plan.rank(0)).isEqualTo(1);
    }

    @Test
    void oneMachine_meetsOnLoopbackAtAFreePort() {
        LaunchPlan plan = LaunchPlan.of(2, null, null, null, null, Map.of());

        assertThat(plan.masterAddress()).isEqualTo("127.0.0.1");
        assertThat(plan.masterPort()).isBetween(1, 65535);
        assertThat(plan.nodeRank()).isZero();
    }
}
