namespace OrleansTrainer.Grains;

/// <summary>Fewer replicas than <see cref="TrainerOptions.ReplicaAcks"/> acknowledged a commit in time; the round is retried.</summary>
public sealed class ReplicaAcknowledgementException(string message) : Exception(message);
