#!/usr/bin/env bash
# Regenerates the Terraform plan fixtures: for every tests/data/import/NAME/terraform/
# (or the NAMEs given), runs offline
#   terraform init && terraform plan -refresh=false -out=PLAN && terraform show -json PLAN
# in a scratch copy and writes NAME/plan.json. The AWS provider comes from a
# filesystem mirror (no network): TF_PLUGIN_MIRROR, default /opt/tf-plugins, must
# hold registry.terraform.io/hashicorp/aws/5.100.0. The provider blocks use mock
# credentials and skip every AWS API check, so planning needs no account.
#
# Usage: tests/data/import/regen.sh [NAME...]
# Needs: terraform (1.11 was used; TERRAFORM to override), python3 (to drop the
# plan's timestamp and sort its relevant_attributes, which Terraform writes in a
# random order, so that an unchanged configuration gives an unchanged file).
# Review the diff of the plan files before committing them: the import tests
# compare what vpcsim makes of them with the hand-written scenarios.
set -euo pipefail

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
terraform=${TERRAFORM:-terraform}
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
command -v "$terraform" >/dev/null || { echo "regen.sh: terraform not found" >&2; exit 2; }
[[ -d $mirror/registry.terraform.io/hashicorp/aws ]] ||
  { echo "regen.sh: no AWS provider in the mirror $mirror" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cat >"$scratch/cli.tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
TFRC
export TF_CLI_CONFIG_FILE=$scratch/cli.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

names=("$@")
if ((${#names[@]} == 0)); then
  for dir in "$here"/*/terraform; do names+=("$(basename -- "$(dirname -- "$dir")")"); done
fi
for name in "${names[@]}"; do
  src=$here/$name/terraform
  [[ -d $src ]] || { echo "regen.sh: no $src" >&2; exit 2; }
  work=$scratch/$name
  mkdir -p "$work"
  cp -r "$src"/. "$work"/
  echo "regen.sh: $name" >&2
  (
    cd "$work"
    "$terraform" init -input=false -no-color >init.log 2>&1 || { cat init.log >&2; exit 1; }
    "$terraform" plan -refresh=false -input=false -no-color -out=plan.bin >plan.log 2>&1 ||
      { cat plan.log >&2; exit 1; }
    grep '^Plan:' plan.log >&2 || true
    "$terraform" show -json plan.bin >plan.json
  )
  python3 - "$work/plan.json" "$here/$name/plan.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
# The time of the run, and a list Terraform writes in Go map order: neither is read
# by vpcsim, and keeping them would change the file on every run.
plan.pop("timestamp", None)
plan.get("relevant_attributes", []).sort(key=lambda a: json.dumps(a, sort_keys=True))
with open(sys.argv[2], "w") as out:
    json.dump(plan, out, separators=(",", ":"))
    out.write("\n")
PY
done
