namespace HeteroOrleans.Scheduling;

/// <summary>Decides, for each task of a job, which devices run its stages.</summary>
public interface ITaskPlanner
{
    /// <summary>The devices for the task at <paramref name="taskIndex"/> (0-based).</summary>
    TaskAssignment Assign(int taskIndex);
}
