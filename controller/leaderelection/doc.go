// Package leaderelection elects one leader among candidates through a
// coordination.k8s.io/v1 Lease, as Kubernetes' controller managers do.
//
// An Elector campaigns by reading the Lease and writing itself as holder
// when it is free, released, or has not changed for leaseDurationSeconds
// by the candidate's own clock (never by the renewTime another machine
// wrote, so clock skew between machines does not matter). The leader
// renews every RetryPeriod; if it cannot renew for RenewDeadline, which is
// shorter than LeaseDuration, its leader-only work is cancelled before any
// other candidate may take over. The leader's context also reports
// cancellation by itself once its clock passes the deadline, so a process
// that was paused (stopped, swapped out, or a long GC) does no work after
// it resumes: work that checks ctx.Err() first sees it. On shutdown the
// leader waits for its work to stop and then releases the Lease by
// clearing holderIdentity, so another candidate takes over at once.
//
// controller.Manager uses an Elector when its config asks for leader
// election; Run can also be used alone.
package leaderelection
