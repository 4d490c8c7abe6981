using OrleansTrainer.Abstractions;
using OrleansTrainer.RecoveryBench;

namespace OrleansTrainer.SoakBench;

/// <summary>The soak's figures from its jobs' outcomes and its faults: per template, per fault, and overall.</summary>
internal sealed class SoakSummary(IReadOnlyList<JobOutcome> outcomes, IReadOnlyList<FaultEvent> faults, IReadOnlyList<SoakTemplate> templates)
{
    /// <summary>Whether every job completed with its reference's weights and was deleted.</summary>
    public bool AllGood => outcomes.All(o => o.Status == JobStatus.Completed && o.Identical == true && o.Deleted);

    /// <summary>One line per template: jobs, completed, identical, not identical, failed, and the errors seen.</summary>
    public IEnumerable<JsonLine> PerTemplate() => templates.Select(t =>
    {
        var jobs = outcomes.Where(o => o.Template == t.Label).ToArray();
        return new JsonLine("soak_template").With("template", t.Label).With("solver", t.Solver).With("model", t.Spec.Model.ToString())
            .With("dataset", t.Spec.Dataset).With("jobs", jobs.Length).With("completed", jobs.Count(o => o.Status == JobStatus.Completed))
            .With("identical", jobs.Count(o => o.Identical == true)).With("not_identical", jobs.Count(o => o.Identical == false))
            .With("not_completed", jobs.Count(o => o.Status != JobStatus.Completed))
            .With("hit_by_faults", jobs.Count(o => o.Resumes.Count > 0))
            .With("median_job_s", Stats.Median(jobs.Select(o => o.Seconds).Where(double.IsFinite)))
            .With("errors", jobs.Where(o => o.Error.Length > 0).Select(o => $"{o.Name}: {o.Error}").ToArray())
            .With("max_abs_difference", jobs.Where(o => o.Identical == false).Select(o => o.MaxAbsDifference).DefaultIfEmpty(0).Max());
    });

    /// <summary>One line per fault: what it was, how long the cluster took to be whole, and the running jobs' resume times.</summary>
    public IEnumerable<JsonLine> PerFault(DateTimeOffset soakStart) => faults.Select(f =>
    {
        var resumes = ResumesOf(f).ToArray();
        return new JsonLine("soak_fault").With("fault", f.Index).With("kind", f.Kind).With("target", f.Target)
            .With("at_s", (f.At - soakStart).TotalSeconds).With("restored_s", f.RestoredSeconds).With("jobs_running", resumes.Length)
            .With("resume_median_s", Stats.Median(resumes)).With("resume_max_s", resumes.DefaultIfEmpty(double.NaN).Max())
            .With("resumes_s", resumes.Select(s => Math.Round(s, 3)).ToArray());
    });

    /// <summary>The run's totals.</summary>
    public JsonLine Totals(int started, TimeSpan soak)
    {
        var kills = faults.Where(f => f.Kind == "silo-kill").ToArray();
        var restarts = faults.Where(f => f.Kind != "silo-kill").ToArray();
        var all = faults.SelectMany(ResumesOf).ToArray();
        var afterKills = kills.SelectMany(ResumesOf).ToArray();
        var afterRestarts = restarts.SelectMany(ResumesOf).ToArray();
        return new JsonLine("soak_summary").With("minutes", soak.TotalMinutes).With("jobs_started", started).With("jobs_ended", outcomes.Count)
            .With("jobs_completed", outcomes.Count(o => o.Status == JobStatus.Completed))
            .With("jobs_identical", outcomes.Count(o => o.Identical == true)).With("jobs_not_identical", outcomes.Count(o => o.Identical == false))
            .With("jobs_not_completed", outcomes.Count(o => o.Status != JobStatus.Completed))
            .With("jobs_not_deleted", outcomes.Count(o => !o.Deleted))
            .With("jobs_hit_by_faults", outcomes.Count(o => o.Resumes.Count > 0))
            .With("silo_kills", kills.Length).With("redis_restarts", restarts.Length)
            .With("resume_median_s", Stats.Median(all)).With("resume_max_s", all.DefaultIfEmpty(double.NaN).Max()).With("resumes_measured", all.Length)
            .With("resume_after_silo_kill_median_s", Stats.Median(afterKills)).With("resume_after_silo_kill_max_s", afterKills.DefaultIfEmpty(double.NaN).Max())
            .With("resume_after_redis_restart_median_s", Stats.Median(afterRestarts))
            .With("resume_after_redis_restart_max_s", afterRestarts.DefaultIfEmpty(double.NaN).Max())
            .With("silo_rejoin_median_s", Stats.Median(kills.Select(f => f.RestoredSeconds)))
            .With("client_call_failures", new SortedDictionary<string, int>(Calls.Failures));
    }

    private IEnumerable<double> ResumesOf(FaultEvent fault) =>
        outcomes.SelectMany(o => o.Resumes).Where(r => r.Fault == fault.Index).Select(r => r.Seconds);
}
