// Package deploy holds Claco's deployment files and the tests that keep them
// honest; it has no Go code of its own.
//
//   - docker-compose.yml: MySQL 8, Redis, the server, the daily KOPIS import,
//     a Pushgateway, Prometheus and Grafana on one host, configured by the
//     *.env files made from the *.env.example templates.
//   - importer/kopis-daily.sh: the importer's schedule (the Dockerfile's
//     importer-scheduler target runs it).
//   - prometheus/: the scrape configuration and the alert rules.
//   - grafana/: the Claco dashboard and Grafana's provisioning.
//   - kubernetes/: Deployment (with the migration initContainer), Service,
//     HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy, the
//     importer's CronJob, ConfigMap, an example Secret, and a kustomization.
//
// The tests parse every YAML and JSON file here and in .github/workflows,
// check that what the files name exists (files, services, stages, keys,
// settings), that the Dockerfile builds a non-root production image with
// no secret in it, and run the real server in process to check that every
// metric the dashboard plots is one it exposes. No Docker engine is needed.
package deploy
