# four-public-subnets (scenarios/four-public-subnets/topology.xml) written as
# Terraform: a VPC laid out like an AWS default VPC, four public /20 subnets that
# use the main route table.
#
# What the importer has to work out from the plan:
# - main-rt becomes the VPC's main route table through an
#   aws_main_route_table_association; no subnet has an explicit association;
# - the subnets launch instances with a public IP (map_public_ip_on_launch), which
#   AWS picks at launch: the importer takes them in order from --public-pool
#   (203.0.113.0/24 by default), so web-a..web-d get 203.0.113.1 to .4; internal
#   opts out with associate_public_ip_address = false;
# - the web instances name the VPC's default security group as
#   aws_vpc.default_vpc.default_security_group_id, a group the plan never lists;
#   internal names no group at all, so it is in the default group too.

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

variable "zones" {
  type = map(object({ cidr = string, az = string }))
  default = {
    a = { cidr = "172.31.0.0/20", az = "us-east-1a" }
    b = { cidr = "172.31.16.0/20", az = "us-east-1b" }
    c = { cidr = "172.31.32.0/20", az = "us-east-1c" }
    d = { cidr = "172.31.48.0/20", az = "us-east-1d" }
  }
}

resource "aws_vpc" "default_vpc" {
  cidr_block           = "172.31.0.0/16"
  enable_dns_hostnames = true
  tags                 = { Name = "default-vpc" }
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.default_vpc.id
  tags   = { Name = "igw" }
}

resource "aws_route_table" "main" {
  vpc_id = aws_vpc.default_vpc.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
  tags = { Name = "main-rt" }
}

resource "aws_main_route_table_association" "main" {
  vpc_id         = aws_vpc.default_vpc.id
  route_table_id = aws_route_table.main.id
}

resource "aws_subnet" "zone" {
  for_each                = var.zones
  vpc_id                  = aws_vpc.default_vpc.id
  cidr_block              = each.value.cidr
  availability_zone       = each.value.az
  map_public_ip_on_launch = true
  tags                    = { Name = "subnet-${each.key}" }
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "HTTP and HTTPS from anywhere"
  vpc_id      = aws_vpc.default_vpc.id
  ingress {
    description = "http"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "web" {
  for_each      = var.zones
  ami           = "ami-0c02fb55956c7d316"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.zone[each.key].id
  private_ip    = cidrhost(each.value.cidr, 10)
  vpc_security_group_ids = [
    aws_security_group.web.id,
    aws_vpc.default_vpc.default_security_group_id,
  ]
  tags = {
    Name            = "web-${each.key}"
    "vpcsim:listen" = "22,80,443"
  }
}

resource "aws_instance" "internal" {
  ami                         = "ami-0c02fb55956c7d316"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.zone["a"].id
  private_ip                  = "172.31.0.20"
  associate_public_ip_address = false
  tags = {
    Name            = "internal"
    "vpcsim:listen" = "22,80"
  }
}
