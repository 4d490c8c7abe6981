namespace OrleansTrainer.Abstractions;

/// <summary>The model family a job fits.</summary>
public enum ModelKind
{
    /// <summary>Least squares: mean of ½(x·w + b − y)² over the rows.</summary>
    LinearRegression = 0,

    /// <summary>Binary logistic regression on labels in {0, 1}: mean of log(1 + e^z) − y·z, z = x·w + b.</summary>
    LogisticRegression = 1,

    /// <summary>Multinomial (softmax) logistic regression on labels 0..K−1: mean of logsumexp_k(z_k) − z_y, one weight vector and intercept per class.</summary>
    SoftmaxRegression = 2,

    /// <summary>Huber regression: ½r² for |r| ≤ δ, δ(|r| − δ/2) beyond (r = z − y), robust to outliers.</summary>
    HuberRegression = 3,

    /// <summary>Poisson regression with log link on counts y ≥ 0: mean of e^z − y·z; the prediction is e^z.</summary>
    PoissonRegression = 4,

    /// <summary>
    /// Linear SVM on labels in {0, 1}: mean of the squared hinge max(0, 1 − t·z)², t = 2y − 1 (scikit-learn's
    /// LinearSVC(loss='squared_hinge')); the prediction is class 1 when z ≥ 0, z the decision value.
    /// </summary>
    LinearSvm = 5,
}

/// <summary>How a job walks towards the optimum.</summary>
public enum SolverKind
{
    /// <summary>Full-batch gradient descent: every round uses every row.</summary>
    GradientDescent = 0,

    /// <summary>Mini-batch stochastic gradient descent: every round uses <see cref="JobSpec.BatchSize"/> rows drawn by epoch.</summary>
    MiniBatchSgd = 1,

    /// <summary>
    /// L-BFGS on the trainer with distributed gradients (OWL-QN when <see cref="JobSpec.L1"/> &gt; 0): each round evaluates
    /// the objective and gradient at one point; an iteration takes one round plus any line-search trials.
    /// </summary>
    Lbfgs = 2,

    /// <summary>
    /// One pass of normal equations for least squares and ridge: shards return XᵀX and Xᵀy partial sums, the trainer
    /// solves with MathNet (Cholesky, falling back to SVD when ill-conditioned). Linear regression only, no L1.
    /// </summary>
    NormalEquations = 3,

    /// <summary>
    /// Local SGD with periodic model averaging: in each round every shard takes <see cref="JobSpec.LocalSteps"/> mini-batch
    /// steps from the current model on its own rows, and the blocks average the shards' models (weighted by rows). A
    /// <see cref="JobSpec.BatchSize"/> of one row per shard makes the steps per-example SGD, walked on the rows in place.
    /// </summary>
    LocalSgd = 4,
}

/// <summary>How strictly shards wait for each other (block-side solvers only).</summary>
public enum ConsistencyMode
{
    /// <summary>Bulk-synchronous: every round uses the weights of the previous round; deterministic for any placement and crash history.</summary>
    Bsp = 0,

    /// <summary>
    /// Stale-synchronous SSP(k): a shard may start round c while the weights are as old as round c − <see cref="JobSpec.Staleness"/>;
    /// blocks still apply each round's contributions together, in shard order. SSP(0) is BSP, bit for bit.
    /// </summary>
    Ssp = 1,

    /// <summary>Asynchronous: shards never wait for each other; blocks apply every contribution as it arrives. Not deterministic.</summary>
    Async = 2,
}

/// <summary>The per-coordinate update rule of the block-side solvers (gradient descent, SGD, local SGD).</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient steps, optionally with (Nesterov) momentum.</summary>
    Sgd = 0,

    /// <summary>AdaGrad: steps scaled by the root of the accumulated squared gradients.</summary>
    AdaGrad = 1,

    /// <summary>Adam: bias-corrected first and second moment estimates (<see cref="JobSpec.Beta1"/>, <see cref="JobSpec.Beta2"/>).</summary>
    Adam = 2,
}

/// <summary>How the learning rate changes over rounds.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The same rate every round.</summary>
    Constant = 0,

    /// <summary>rate / sqrt(1 + round).</summary>
    InverseSqrt = 1,
}

/// <summary>
/// Everything that defines a training job. The objective minimized is
/// <c>Σ_i s_i·loss(x_i·w + b, y_i) / Σ_i s_i + (L2/2)·‖w‖² + L1·‖w‖₁</c> (s_i the instance weights, 1 without a weight
/// column), the intercept <c>b</c> unpenalized and <c>w</c> on the original feature scale. scikit-learn's Ridge(alpha)
/// is L2 = alpha/n; LogisticRegression(C) is L2 = 1/(C·n); ElasticNet(alpha, l1_ratio) is L1 = alpha·l1_ratio,
/// L2 = alpha·(1 − l1_ratio) (its squared loss is ½r², as here).
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.JobSpec")]
public sealed record JobSpec
{
    /// <summary>The job's name: the trainer grain's key and the prefix of its weight blocks' keys.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>The dataset to train on; it must be <see cref="DatasetStatus.Ready"/>.</summary>
    [Id(1)] public string Dataset { get; init; } = "";

    /// <summary>The model family.</summary>
    [Id(2)] public ModelKind Model { get; init; } = ModelKind.LinearRegression;

    /// <summary>The solver.</summary>
    [Id(3)] public SolverKind Solver { get; init; } = SolverKind.GradientDescent;

    /// <summary>Whether to fit an (unpenalized) intercept.</summary>
    [Id(4)] public bool FitIntercept { get; init; } = true;

    /// <summary>
    /// Whether the solver works on standardized features (zero mean, unit variance). This preconditions the problem;
    /// it does not change the optimum, and coefficients are always reported on the original scale.
    /// </summary>
    [Id(5)] public bool Standardize { get; init; } = true;

    /// <summary>L2 penalty strength; 0 for none.</summary>
    [Id(6)] public double L2 { get; init; }

    /// <summary>Step size of the gradient step (in standardized coordinates when <see cref="Standardize"/> is on).</summary>
    [Id(7)] public double LearningRate { get; init; } = 0.1;

    /// <summary>How the learning rate changes over rounds.</summary>
    [Id(8)] public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Constant;

    /// <summary>Heavy-ball momentum in [0, 1); 0 for plain gradient steps.</summary>
    [Id(9)] public double Momentum { get; init; }

    /// <summary>Use Nesterov's form of momentum.</summary>
    [Id(10)] public bool Nesterov { get; init; }

    /// <summary>Rows per mini-batch over the whole dataset (mini-batch SGD only); split over shards in proportion to their rows.</summary>
    [Id(11)] public int BatchSize { get; init; } = 256;

    /// <summary>The most rounds (gradient steps) to run.</summary>
    [Id(12)] public int MaxRounds { get; init; } = 1000;

    /// <summary>
    /// Stop when the objective's relative change from one accepted step to the next falls below this (full-batch
    /// solvers only); 0 disables; null (the default) takes the solver's default: off for L-BFGS (it stops on the
    /// gradient instead), 1e-10 for the others, gradient descent with line search included.
    /// </summary>
    [Id(13)] public double? Tolerance { get; init; }

    /// <summary>
    /// Stop on a small gradient (full-batch solvers only); 0 disables; null (the default) takes the solver's default.
    /// For L-BFGS (OWL-QN) and gradient descent with line search it is relative to the problem's scale: stop once the
    /// gradient's (pseudo-gradient's) infinity norm is at most this times its norm at the start, default 1e-10, which on
    /// well-posed problems leaves the coefficients within about 1e-6 relative of the optimum. For the solvers whose
    /// steps the blocks take it is absolute, on the gradient's Euclidean norm, default off.
    /// </summary>
    [Id(14)] public double? GradientTolerance { get; init; }

    /// <summary>How many weight blocks the parameter vector is split into (by feature range).</summary>
    [Id(15)] public int WeightBlocks { get; init; } = 1;

    /// <summary>Seed of every random choice the job makes (mini-batch sampling).</summary>
    [Id(16)] public ulong Seed { get; init; }

    /// <summary>Number of classes K of softmax regression; 0 takes the largest label + 1.</summary>
    [Id(17)] public int Classes { get; init; }

    /// <summary>The threshold δ of the Huber loss.</summary>
    [Id(18)] public double HuberDelta { get; init; } = 1.35;

    /// <summary>L1 penalty strength (lasso / elastic net); 0 for none. Solved by proximal steps (block-side solvers) or OWL-QN (L-BFGS).</summary>
    [Id(19)] public double L1 { get; init; }

    /// <summary>The update rule of the block-side solvers.</summary>
    [Id(20)] public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>Adam's first-moment decay.</summary>
    [Id(21)] public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's second-moment decay.</summary>
    [Id(22)] public double Beta2 { get; init; } = 0.999;

    /// <summary>AdaGrad's and Adam's denominator guard.</summary>
    [Id(23)] public double Epsilon { get; init; } = 1e-8;

    /// <summary>
    /// Full-batch gradient descent only: choose each step by backtracking (Armijo) line search from
    /// <see cref="LearningRate"/> instead of taking a fixed step. Runs on the trainer like L-BFGS with no memory.
    /// </summary>
    [Id(24)] public bool LineSearch { get; init; }

    /// <summary>Correction pairs L-BFGS keeps.</summary>
    [Id(25)] public int LbfgsMemory { get; init; } = 10;

    /// <summary>Local mini-batch steps each shard takes per round of local SGD.</summary>
    [Id(26)] public int LocalSteps { get; init; } = 10;

    /// <summary>How strictly shards wait for each other: BSP (default), SSP(<see cref="Staleness"/>) or asynchronous.</summary>
    [Id(27)] public ConsistencyMode Consistency { get; init; } = ConsistencyMode.Bsp;

    /// <summary>The bound k of SSP(k): how many rounds a shard may run ahead of the slowest.</summary>
    [Id(28)] public int Staleness { get; init; }

    /// <summary>
    /// How the work is split: data parallelism (default: every shard computes a gradient over its rows for the whole
    /// model) or block coordinate descent (model parallelism: each weight block in turn solves for its own
    /// coordinates while the others stay fixed).
    /// </summary>
    [Id(31)] public ParallelismMode Parallelism { get; init; }

    /// <summary>
    /// Which features each weight block owns (sparse datasets): contiguous feature ranges (default), or features spread
    /// by a hash of their index, so that features whose indices are close — often alike in frequency — land on
    /// different blocks and the blocks share the traffic evenly.
    /// </summary>
    [Id(32)] public WeightPartition Partition { get; init; }

    /// <summary>Rows held out (or a dataset) to judge the model on while it trains, and early stopping; null for none.</summary>
    [Id(33)] public ValidationSpec? Validation { get; init; }

    /// <summary>
    /// The model to start from instead of zeros (warm start), on the original feature scale; null starts from zeros. It must
    /// be of <see cref="Model"/>'s kind with the dataset's features and the job's number of outputs. It seeds the weight
    /// blocks only: the spec the job keeps and reports has none.
    /// </summary>
    [Id(34)] public InitialModel? InitialModel { get; init; }
}

/// <summary>How a model's features are assigned to its weight blocks.</summary>
public enum WeightPartition
{
    /// <summary>Block b owns the b-th contiguous range of feature indices (of every output), then the intercepts.</summary>
    Range = 0,

    /// <summary>
    /// Features are placed by a multiplicative (Fibonacci) hash of their index, π(j) = (a·j + c) mod D with a ≈ 0.618·D
    /// coprime to the dimension D and c from <see cref="JobSpec.Seed"/>: a bijection, so every feature keeps its own
    /// weight, and block b owns the features whose π(j) falls in its range. Sparse datasets only.
    /// </summary>
    Hash = 1,
}

/// <summary>How a job splits its work over shards and weight blocks.</summary>
public enum ParallelismMode
{
    /// <summary>Every round, every shard computes loss and gradient sums over its rows for the whole model; the solver steps.</summary>
    DataParallel = 0,

    /// <summary>
    /// Block coordinate descent for least squares, ridge and lasso: each round visits the weight blocks in turn; the
    /// shards send a block the statistics of its coordinates at their current residuals (its Gram sub-matrix and the
    /// residual correlations), the block solves its sub-problem exactly and commits, and the shards update their
    /// residuals. The <see cref="JobSpec.Solver"/> is not used.
    /// </summary>
    BlockCoordinate = 1,
}
