// Package cronjob is the CronJob controller: it creates Jobs on cron
// schedules, as kube-controller-manager's cronjob controller (Kubernetes
// 1.32) does.
//
// Schedules are standard five-field cron lines or the macros @yearly,
// @annually, @monthly, @weekly, @daily, @midnight and @hourly (parsed by
// github.com/robfig/cron/v3), read in spec.timeZone, else in the zone of a
// CRON_TZ= or TZ= prefix (which the API server now refuses in new objects),
// else in Config.Location. When a sync finds runs due since the last one
// (or since creation), it starts only the most recent; runs older than
// startingDeadlineSeconds are not considered, and when more than 100 were
// missed it records a TooManyMissedTimes warning. The Job for scheduled
// time t is named <cronjob>-<t in minutes since the Unix epoch>, so each
// run is created at most once, and carries the
// batch.kubernetes.io/cronjob-scheduled-timestamp annotation.
//
// concurrencyPolicy Allow starts runs alongside active ones, Forbid skips a
// run while one is active (the skipped run is started later if it is then
// still the most recent and within the starting deadline), and Replace
// deletes the active Jobs first. status.active, lastScheduleTime and
// lastSuccessfulTime follow the Jobs; finished Jobs beyond
// successfulJobsHistoryLimit and failedJobsHistoryLimit are deleted, oldest
// first, with Background propagation. A suspended CronJob starts nothing.
//
// Events go to the optional Config.Recorder, a one-method interface that
// the events package's Recorder satisfies. The Clock in Config decides when
// runs are due, so tests advance it by hand. Syncing is idempotent.
package cronjob
