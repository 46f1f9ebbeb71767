# peering (scenarios/peering/topology.xml) written as Terraform: VPCs a - b - c in a
# line, peered a-b and b-c, each VPC made by the same local module.
#
# What the importer has to work out from the plan:
# - every VPC object lives in a module instance (module.a, module.b, module.c);
#   references cross module boundaries through outputs (module.a.vpc_id) and
#   inputs (var.vpc_cidr), and an output that is a map of route table ids is
#   indexed by subnet name (module.a.route_table_ids["a-one"]);
# - b's route table has two peering routes; being separate aws_route resources,
#   each names its own peering.
# a-one's route to c through pcx-ab is a deliberate mistake (peering is not
# transitive), kept from the hand-written topology.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  access_key                  = "mock"
  secret_key                  = "mock"
}

module "a" {
  source   = "./modules/vpc"
  name     = "a"
  vpc_cidr = "10.0.0.0/16"
  subnets = {
    "a-one" = { cidr = "10.0.1.0/24", route_table = "a-one-rt" }
    "a-two" = { cidr = "10.0.2.0/24", route_table = "a-two-rt" }
  }
  instances = {
    a1 = { subnet = "a-one", ip = "10.0.1.10" }
    a2 = { subnet = "a-two", ip = "10.0.2.10" }
  }
  peer_cidrs = ["10.1.0.0/16", "10.2.0.0/16"]
}

module "b" {
  source   = "./modules/vpc"
  name     = "b"
  vpc_cidr = "10.1.0.0/16"
  subnets = {
    "b-one" = { cidr = "10.1.1.0/24", route_table = "b-rt" }
  }
  instances = {
    b1 = { subnet = "b-one", ip = "10.1.1.10" }
  }
  peer_cidrs = ["10.0.0.0/16", "10.2.0.0/16"]
}

module "c" {
  source   = "./modules/vpc"
  name     = "c"
  vpc_cidr = "10.2.0.0/16"
  subnets = {
    "c-one" = { cidr = "10.2.1.0/24", route_table = "c-rt" }
  }
  instances = {
    c1 = { subnet = "c-one", ip = "10.2.1.10" }
  }
  peer_cidrs = ["10.1.0.0/16", "10.0.0.0/16"]
}

resource "aws_vpc_peering_connection" "ab" {
  vpc_id      = module.a.vpc_id
  peer_vpc_id = module.b.vpc_id
  auto_accept = true
  tags        = { Name = "pcx-ab" }
}

resource "aws_vpc_peering_connection" "bc" {
  vpc_id      = module.b.vpc_id
  peer_vpc_id = module.c.vpc_id
  auto_accept = true
  tags        = { Name = "pcx-bc" }
}

resource "aws_route" "a_one_to_b" {
  route_table_id            = module.a.route_table_ids["a-one"]
  destination_cidr_block    = "10.1.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.ab.id
}

# The mistake: c is not reachable through b (no transit over peerings).
resource "aws_route" "a_one_to_c" {
  route_table_id            = module.a.route_table_ids["a-one"]
  destination_cidr_block    = "10.2.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.ab.id
}

resource "aws_route" "a_two_to_b" {
  route_table_id            = module.a.route_table_ids["a-two"]
  destination_cidr_block    = "10.1.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.ab.id
}

resource "aws_route" "b_to_a" {
  route_table_id            = module.b.route_table_ids["b-one"]
  destination_cidr_block    = "10.0.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.ab.id
}

resource "aws_route" "b_to_c" {
  route_table_id            = module.b.route_table_ids["b-one"]
  destination_cidr_block    = "10.2.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.bc.id
}

resource "aws_route" "c_to_b" {
  route_table_id            = module.c.route_table_ids["c-one"]
  destination_cidr_block    = "10.1.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.bc.id
}
