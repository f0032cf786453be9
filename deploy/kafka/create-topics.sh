#!/usr/bin/env bash
# Declares the suite's topics on the compose Kafka, with the same settings as the Strimzi KafkaTopics in
# deploy/k8s/base (a test checks the two lists agree). Idempotent: safe to run on every `compose up`.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
TOPICS=(
  emergency.disaster
  emergency.warning
  emergency.dispatch
  emergency.reserve
  disability.supply_request
  disability.assistance
  disability.subsidy
  science.campaign
  trees.transplant
  budget.expenditure
  business_env.inspection_task
  business_env.policy
  budget.budget
)

create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1 --config "retention.ms=$3"
}

for topic in "${TOPICS[@]}"; do
  create "$topic" 3 604800000          # 7 days
  create "$topic.dlt" 1 2592000000     # 30 days: time to fix the handler and replay
done
