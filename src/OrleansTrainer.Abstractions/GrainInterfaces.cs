using Orleans.Concurrency;

namespace OrleansTrainer.Abstractions;

/// <summary>A dataset: its schema, shard count and lifecycle. Key: the dataset name.</summary>
[Alias("otrain.IDatasetGrain")]
public interface IDatasetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts an ingestion: the dataset becomes <see cref="DatasetStatus.Ingesting"/>, every shard is prepared for it (only
    /// its chunks are accepted from then on), and the caller holds its lease, which it must renew
    /// (<see cref="RenewIngestAsync"/>) until it completes or aborts; an ingestion whose lease expires is discarded,
    /// rows and all. Refused when a ready dataset has this name, and while another ingestion of the name holds a live
    /// lease; an ingestion under the name whose lease has expired is discarded first.
    /// </summary>
    /// <param name="schema">The columns.</param>
    /// <param name="shardCount">How many shards receive the rows.</param>
    /// <param name="outOfOrder">Whether each shard's chunks may arrive in any order (several readers of one file).</param>
    [Alias("BeginIngest")]
    Task<IngestLease> BeginIngestAsync(DatasetSchema schema, int shardCount, bool outOfOrder);

    /// <summary>Extends the lease of ingestion <paramref name="ingestId"/> by the lease's length from now.</summary>
    /// <exception cref="InvalidOperationException">The ingestion is no longer in progress (its lease expired, it was aborted, or the dataset was deleted).</exception>
    [Alias("RenewIngest")]
    Task RenewIngestAsync(string ingestId);

    /// <summary>
    /// Marks the ingestion complete after checking every shard holds its rows, as many as <paramref name="totals"/>
    /// says were sent and at least one each; the statistics are computed from the stored rows
    /// (<see cref="IDataShardGrain.GetStatisticsAsync"/>, merged in shard order). The dataset becomes ready. Completing an
    /// ingestion that already completed returns the dataset again (a retried call whose answer was lost).
    /// </summary>
    [Alias("CompleteIngest")]
    Task<DatasetInfo> CompleteIngestAsync(string ingestId, IngestTotals totals);

    /// <summary>Discards an ingestion: every shard's rows and the dataset's own state are deleted.</summary>
    [Alias("AbortIngest")]
    Task AbortIngestAsync(string ingestId);

    /// <summary>
    /// Deletes the dataset and all its rows (an ingestion in progress included). Refused
    /// (<see cref="InvalidOperationException"/>, naming them) while running or paused jobs train or validate on it,
    /// unless <paramref name="force"/>, which cancels those jobs first, the reason recorded in their history. Returns the
    /// jobs cancelled.
    /// </summary>
    [Alias("Delete")]
    Task<string[]> DeleteAsync(bool force);

    /// <summary>
    /// The dataset's description; <see cref="DatasetStatus.None"/> when it does not exist. Served between the steps of
    /// other calls, so a trainer's round never waits behind a completion or a delete (which may be cancelling it).
    /// </summary>
    [Alias("GetInfo"), AlwaysInterleave]
    Task<DatasetInfo> GetInfoAsync();
}

/// <summary>A data shard: a slice of a dataset's rows, stored in Redis in chunks. Key: <c>{dataset}/{index}</c>.</summary>
[Alias("otrain.IDataShardGrain")]
public interface IDataShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Appends chunk <paramref name="chunkIndex"/> of the ingestion the shard was prepared for; a replay of a stored chunk
    /// (same index, same contents) is ignored, a chunk of any other ingestion refused.
    /// </summary>
    [Alias("AppendChunk")]
    Task AppendChunkAsync(string ingestId, int chunkIndex, ShardChunk chunk);

    /// <summary>
    /// Prepares the shard for ingestion <paramref name="ingestId"/> (the dataset does, when the ingestion begins): rows of
    /// any other ingestion are deleted, and only this ingestion's chunks are accepted. <paramref name="outOfOrder"/>: its
    /// chunks may arrive in any order (several readers of one file); otherwise each must follow the previous one.
    /// </summary>
    [Alias("PrepareIngest")]
    Task PrepareIngestAsync(string ingestId, bool outOfOrder);

    /// <summary>The statistics of the rows of ingestion <paramref name="ingestId"/>, which must be complete (no chunk missing).</summary>
    [Alias("GetStatistics")]
    Task<ShardStatistics> GetStatisticsAsync(string ingestId);

    /// <summary>Deletes every stored row.</summary>
    [Alias("Clear")]
    Task ClearAsync();

    /// <summary>What the shard holds.</summary>
    [Alias("GetSummary")]
    Task<ShardSummary> GetSummaryAsync();

    /// <summary>
    /// One round: pulls the weights from the job's blocks, computes loss and gradient sums over its rows in one pass,
    /// and pushes each block its slice of the gradient.
    /// </summary>
    [Alias("RunRound")]
    Task<ShardRoundResult> RunRoundAsync(ShardRoundRequest request);

    /// <summary>Asks the shard to move to <paramref name="silo"/> once idle (elastic scaling); its rows reload from Redis there.</summary>
    [Alias("MoveTo")]
    Task MoveToAsync(SiloAddress silo);

    /// <summary>
    /// The normal-equation sums over the rows <paramref name="spec"/>'s job trains on (all, or those its validation
    /// split does not hold out), centered on <paramref name="center"/> (float64; empty = none).
    /// </summary>
    [Alias("ComputeGram")]
    Task<ShardGramResult> ComputeGramAsync(PackedVector center, JobSpec spec);

    /// <summary>
    /// Scores the rows <paramref name="request"/> selects with its model and returns the statistics its metrics need;
    /// no row leaves the shard.
    /// </summary>
    [Alias("Evaluate")]
    Task<EvaluationSums> EvaluateAsync(EvaluationRequest request);

    /// <summary>
    /// Block coordinate descent: the statistics of one weight block's coordinates at the shard's residuals, which must
    /// reflect <c>request.BlockVersions</c> (the shard recomputes them from the blocks' weights when they do not).
    /// </summary>
    [Alias("ComputeBlockStatistics")]
    Task<BlockStatistics> ComputeBlockStatisticsAsync(BlockStatisticsRequest request);

    /// <summary>Block coordinate descent: subtracts a block's change from the residuals (r −= X_b·Δ) if they are at its from-versions.</summary>
    [Alias("ApplyResidualUpdate")]
    Task ApplyResidualUpdateAsync(ResidualUpdate update);

    /// <summary>
    /// Drops what the shard keeps in memory for job <paramref name="job"/> (block coordinate descent's residuals): the job
    /// was deleted, and a new job of the same name must not find them.
    /// </summary>
    [Alias("ForgetJob")]
    Task ForgetJobAsync(string job);
}

/// <summary>A weight block: a contiguous slice of a job's parameters and its optimizer state. Key: <c>{job}/{index}</c>.</summary>
[Alias("otrain.IWeightBlockGrain")]
public interface IWeightBlockGrain : IGrainWithStringKey
{
    /// <summary>Sets the block up for its job (version 0).</summary>
    [Alias("Initialize")]
    Task InitializeAsync(WeightBlockSetup setup);

    /// <summary>The weights that are the input of <paramref name="round"/>.</summary>
    [Alias("Pull")]
    Task<PackedVector> PullAsync(long round);

    /// <summary>
    /// SSP and asynchronous rounds: the current weights and their version, which must be at least
    /// <paramref name="minimumVersion"/>.
    /// </summary>
    [Alias("PullLatest")]
    Task<(PackedVector Weights, long Version)> PullLatestAsync(long minimumVersion);

    /// <summary>
    /// SSP and asynchronous rounds: a shard's sums for round <paramref name="round"/>. Under SSP the block keeps them until
    /// every shard's sums for the round are in and the previous round is applied, then applies the round's sum in shard
    /// order (in the call that completes it); asynchronously it applies each push at once. Returns the block's version.
    /// </summary>
    [Alias("PushStale")]
    Task<long> PushStaleAsync(long round, int shardIndex, PackedVector gradientSum, double weightSum, ConsistencyMode mode);

    /// <summary>A shard's sums for the block's slice in <paramref name="round"/>, with their instance-weight sum; a replayed push is ignored.</summary>
    [Alias("Push")]
    Task PushAsync(long round, int shardIndex, PackedVector gradientSum, double weightSum);

    /// <summary>
    /// Sparse pull: the weights at the given int32 offsets into the block (<paramref name="offsets"/>, strictly
    /// increasing) that are the input of <paramref name="round"/>, as float64 values in offset order.
    /// </summary>
    [Alias("PullKeys")]
    Task<PackedVector> PullKeysAsync(long round, PackedVector offsets);

    /// <summary>
    /// Sparse push: as <see cref="PushAsync"/> with only the entries the shard's rows touched (every other entry of its
    /// sums is zero). The block sums contributions in shard order either way, so results do not depend on the form.
    /// </summary>
    [Alias("PushSparse")]
    Task PushSparseAsync(long round, int shardIndex, SparseSlice gradientSum, double weightSum);

    /// <summary>
    /// Sums the round's contributions in shard order and, by <paramref name="mode"/>, applies the update rule, returns the
    /// sum, or averages the shards' model changes; persists the result, except for <see cref="BlockCommitMode.Aggregate"/>,
    /// which changes no weight: the trainer that asked for the sum owns the state and redoes the round if it is lost.
    /// </summary>
    [Alias("Commit")]
    Task<BlockCommitResult> CommitAsync(long round, BlockCommitMode mode);

    /// <summary>
    /// A carried round's commit (a small model): as <see cref="CommitAsync"/>, with every shard's contribution in
    /// <paramref name="contributions"/> rather than pushed (a contribution already pushed for the round is kept; it was
    /// computed at the same weights), and the block's new weights in <see cref="BlockCommitResult.Weights"/> (none for
    /// <see cref="BlockCommitMode.Aggregate"/>, whose caller steps on the trainer). A replayed commit returns the stored
    /// result and the weights it produced.
    /// </summary>
    [Alias("CommitCarried")]
    Task<BlockCommitResult> CommitCarriedAsync(long round, BlockCommitMode mode, CarriedContributions contributions);

    /// <summary>
    /// Block coordinate descent, step <paramref name="round"/>: solves the block's sub-problem exactly (coordinate
    /// descent on its quadratic with the L1/L2 penalties), commits the new weights as version round + 1 and returns
    /// the change in <see cref="BlockCommitResult.GradientSum"/>, the squared optimality violation of its coordinates
    /// before the step in <see cref="BlockCommitResult.GradientNormSquared"/> and its penalty before the step. A step
    /// already committed returns the same result again.
    /// </summary>
    [Alias("SolveCoordinates")]
    Task<BlockCommitResult> SolveCoordinatesAsync(long round, BlockSubproblem problem);

    /// <summary>Asks the block to move to <paramref name="silo"/> once idle (elastic scaling); its persisted state moves with it.</summary>
    [Alias("MoveTo")]
    Task MoveToAsync(SiloAddress silo);

    /// <summary>
    /// Replaces the weights with the trainer's and makes them version <paramref name="round"/> (trainer-side solvers).
    /// <paramref name="durable"/>: written to Redis before returning (a solution); otherwise kept in memory only (a point
    /// to evaluate, which the trainer persists itself and sets again if it redoes the round).
    /// </summary>
    [Alias("SetWeights")]
    Task SetWeightsAsync(long round, PackedVector weights, bool durable);

    /// <summary>The committed state.</summary>
    [Alias("GetSnapshot")]
    Task<WeightBlockSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Replaces the job spec the block applies its update rule with (the trainer changed the learning rate at a round
    /// boundary); persisted. Does nothing when the spec is unchanged.
    /// </summary>
    [Alias("UpdateSpec")]
    Task UpdateSpecAsync(JobSpec spec);

    /// <summary>
    /// Deletes the block's persisted state (both records) and deactivates it, so no weight of its job survives in Redis or
    /// in memory (the job is being deleted). Clearing a block that holds nothing does nothing.
    /// </summary>
    [Alias("Clear")]
    Task ClearAsync();
}

/// <summary>A training job's orchestrator: drives rounds on a timer and records their metrics. Key: the job name.</summary>
[Alias("otrain.ITrainerGrain")]
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates the spec, sets up the weight blocks and starts driving rounds; returns once the blocks hold their
    /// initial weights, which for a large model (2^24 parameters: 128 MB written to Redis) can outlast Orleans' default
    /// 30 s response timeout on a loaded machine, hence 5 minutes.
    /// </summary>
    [Alias("Start"), ResponseTimeout("00:05:00")]
    Task<JobStatusInfo> StartAsync(JobSpec spec);

    /// <summary>The job's current state; served even while a round is in flight.</summary>
    [Alias("GetStatus"), AlwaysInterleave]
    Task<JobStatusInfo> GetStatusAsync();

    /// <summary>Metrics of committed rounds from <paramref name="fromRound"/> on, at most <paramref name="maxCount"/>.</summary>
    [Alias("GetMetrics"), AlwaysInterleave]
    Task<RoundMetrics[]> GetMetricsAsync(long fromRound, int maxCount);

    /// <summary>Asks the job to stop at the next round boundary.</summary>
    [Alias("Cancel")]
    Task<JobStatusInfo> CancelAsync();

    /// <summary>Cancels the job as <see cref="CancelAsync"/> does, for <paramref name="reason"/>, which its history records.</summary>
    [Alias("CancelFor")]
    Task<JobStatusInfo> CancelForAsync(string reason);

    /// <summary>Holds a running job at the next round boundary; recorded in the job's history.</summary>
    [Alias("Pause")]
    Task<JobStatusInfo> PauseAsync();

    /// <summary>Resumes a paused job from the round it stopped at; recorded in the job's history.</summary>
    [Alias("Resume")]
    Task<JobStatusInfo> ResumeAsync();

    /// <summary>
    /// Changes the base learning rate from the next round on (the schedule applies to the new base); recorded in the
    /// job's history. Only for BSP jobs whose solver takes a fixed step.
    /// </summary>
    [Alias("SetLearningRate")]
    Task<JobStatusInfo> SetLearningRateAsync(double learningRate);

    /// <summary>The model as of the last committed round, on the original feature scale.</summary>
    [Alias("GetModel")]
    Task<TrainedModel> GetModelAsync();

    /// <summary>
    /// Continues a completed job to <paramref name="maxRounds"/> rounds from where it stopped (its weights, its solver's
    /// state, its validation record); recorded in its history. A job that stopped early cannot continue.
    /// </summary>
    [Alias("Continue")]
    Task<JobStatusInfo> ContinueAsync(int maxRounds);

    /// <summary>
    /// Deletes the job and everything it owns — its state, its weight blocks, its metrics, its solver's and early
    /// stopping's Redis keys, its catalog entry — and deactivates its grains; the name is then free. Refused
    /// (<see cref="InvalidOperationException"/>) while the job is running or paused: cancel it first. A job whose delete
    /// was cut off (<see cref="JobStatus.Deleting"/>) is finished by deleting it again.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No job has this name.</exception>
    [Alias("Delete")]
    Task DeleteAsync();
}

/// <summary>
/// A persisted list of names (key <see cref="CatalogNames.Datasets"/> or <see cref="CatalogNames.Jobs"/>), so that
/// datasets and jobs can be listed; it survives restarts like any grain state. A name is added before the resource's
/// own state is written and removed after it is deleted, so the catalog never misses a resource.
/// </summary>
[Alias("otrain.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>Adds a name (no-op when present).</summary>
    [Alias("Add")]
    Task AddAsync(string name);

    /// <summary>Removes a name (no-op when absent).</summary>
    [Alias("Remove")]
    Task RemoveAsync(string name);

    /// <summary>The names, in ordinal order.</summary>
    [Alias("List"), AlwaysInterleave]
    Task<string[]> ListAsync();
}

/// <summary>
/// Ingestion of a file by the silos themselves: splits it at line breaks into parts, has one <see cref="IFilePartGrain"/>
/// per part count and then read its rows into the shards, all or nothing. Key: the dataset name.
/// </summary>
[Alias("otrain.IFileIngestGrain")]
public interface IFileIngestGrain : IGrainWithStringKey
{
    /// <summary>Reads the file into the dataset; returns when the dataset is ready, or fails having left nothing behind.</summary>
    [Alias("Ingest"), ResponseTimeout("1.00:00:00")]
    Task<DatasetInfo> IngestAsync(FileIngestRequest request);
}

/// <summary>The reader of one part of a file being ingested by the silos. Key: <c>{dataset}/{ingestId}/{part}</c>.</summary>
[Alias("otrain.IFilePartGrain")]
public interface IFilePartGrain : IGrainWithStringKey
{
    /// <summary>Counts the records and line feeds of the part.</summary>
    [Alias("Count"), ResponseTimeout("1.00:00:00")]
    Task<FilePartCount> CountAsync(FilePart part);

    /// <summary>Reads the part's rows into the dataset's shards; returns the rows sent (which must be the counted ones).</summary>
    [Alias("Read"), ResponseTimeout("1.00:00:00")]
    Task<FilePartResult> ReadAsync(FilePart part, FilePartRead read);
}
