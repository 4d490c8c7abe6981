namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A cluster of its own whose trainers never carry a round (<c>TrainerOptions.CarriedRoundParameters</c> = 0): every
/// shard pulls its weights from the blocks and pushes its sums to them, whatever the model's size.
/// </summary>
public sealed class PulledRoundsClusterFixture() : TrainerClusterFixture(trainer => trainer.CarriedRoundParameters = 0);
