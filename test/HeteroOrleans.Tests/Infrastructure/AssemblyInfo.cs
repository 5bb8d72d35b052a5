// One test cluster for the whole assembly: starting a three-silo cluster costs seconds.
[assembly: AssemblyFixture(typeof(ClusterFixture))]
