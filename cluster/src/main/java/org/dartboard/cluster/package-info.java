/**
 * dartboard on a cluster: server nodes built on Apache Ignite ({@link org.dartboard.cluster.DartboardNode})
 * and the {@link org.dartboard.cluster.ClusterFarm} that finds them by address pattern and sends them
 * jobs through Ignite's thin client. Nodes run the same job code as the local farm.
 */
package org.dartboard.cluster;
