namespace HeteroOrleans.Scheduling;

/// <summary>A job and the devices it runs on, as the paper's formulas see them.</summary>
/// <param name="Tasks">N_t: tasks in the job.</param>
/// <param name="EndDevices">N_end.</param>
/// <param name="EdgeDevices">N_edge.</param>
/// <param name="CloudDevices">N_cloud.</param>
/// <param name="End">t^c_end and t^p_end.</param>
/// <param name="Edge">t^c_edge and t^p_edge.</param>
/// <param name="Cloud">t^c_cloud and t^p_cloud.</param>
public sealed record SystemShape(int Tasks, int EndDevices, int EdgeDevices, int CloudDevices, TierCost End, TierCost Edge, TierCost Cloud);
