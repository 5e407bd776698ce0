// The test run states its runtime so a reader can tell the pinned Node 24 was used, not the machine's own.
console.log(`waypoint tests on Node ${process.versions.node} (${process.platform}-${process.arch})`);
