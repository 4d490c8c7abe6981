namespace OrleansTrainer.Admin.Services;

/// <summary>The cluster: its silos and the activations they hold.</summary>
public sealed record ClusterView(string ClusterId, string ServiceId, SiloView[] Silos, ActivationCount[] Activations);

/// <summary>One silo as the membership table knows it.</summary>
public sealed record SiloView(string Address, string Name, string Host, string Status, DateTimeOffset StartedAt, double UptimeSeconds);

/// <summary>Activations of one grain type on one silo.</summary>
public sealed record ActivationCount(string GrainType, string Silo, int Activations);
