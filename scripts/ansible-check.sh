#!/usr/bin/env bash
# The Ansible checks CI runs: the playbook's syntax and ansible-lint (Debian's packages, installed when missing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v ansible-playbook >/dev/null || ! command -v ansible-lint >/dev/null; then
  echo "ansible-check: installing ansible and ansible-lint (Debian packages)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible ansible-lint >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q ansible ansible-lint >/dev/null
  fi
fi

cd "$ROOT/ansible"
ansible-playbook -i inventory.example.yml --syntax-check site.yml
ansible-lint
echo "ansible-check: syntax-check and ansible-lint passed"
