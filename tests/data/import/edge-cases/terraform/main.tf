# Edge cases for `vpcsim import terraform` (not a scenario): what the importer
# must report rather than drop, and what it must work out.
# - unsupported resources (aws_lb, aws_egress_only_internet_gateway, aws_vpn_gateway);
# - IPv6: a VPC and subnet CIDR, a rule and a route; a prefix-list rule;
# - inline security group rules naming two groups: ambiguous (warning), each rule
#   with an unknown group gets both;
# - inline routes to two peerings, told apart by the peer VPC holding the destination;
# - a route to a virtual private gateway (written as blackhole);
# - an instance without private_ip and an elastic IP without address (chosen by
#   the importer), an instance whose Name tag has spaces, two instances named alike;
# - a route to an instance whose source/dest check is on (lint warns);
# - aws_default_security_group and aws_default_network_acl rules;
# - an ESP NACL rule and an ICMP echo-only group rule;
# - a malformed vpcsim:listen tag.

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

resource "aws_vpc" "hub" {
  cidr_block                       = "10.10.0.0/16"
  assign_generated_ipv6_cidr_block = true
  tags                             = { Name = "hub" }
}

resource "aws_vpc" "east" {
  cidr_block = "10.20.0.0/16"
  tags       = { Name = "east" }
}

resource "aws_vpc" "west" {
  cidr_block = "10.30.0.0/16"
  tags       = { Name = "west" }
}

resource "aws_internet_gateway" "hub" {
  vpc_id = aws_vpc.hub.id
  tags   = { Name = "hub-igw" }
}

resource "aws_egress_only_internet_gateway" "hub" {
  vpc_id = aws_vpc.hub.id
}

resource "aws_vpn_gateway" "hub" {
  vpc_id = aws_vpc.hub.id
  tags   = { Name = "office-vpn" }
}

resource "aws_subnet" "front" {
  vpc_id          = aws_vpc.hub.id
  cidr_block      = "10.10.1.0/24"
  ipv6_cidr_block = cidrsubnet(aws_vpc.hub.ipv6_cidr_block, 8, 1)
  tags            = { Name = "front" }
}

resource "aws_subnet" "back" {
  vpc_id     = aws_vpc.hub.id
  cidr_block = "10.10.2.0/24"
  tags       = { Name = "back" }
}

resource "aws_subnet" "east" {
  vpc_id     = aws_vpc.east.id
  cidr_block = "10.20.1.0/24"
  tags       = { Name = "east-a" }
}

resource "aws_subnet" "west" {
  vpc_id     = aws_vpc.west.id
  cidr_block = "10.30.1.0/24"
  tags       = { Name = "west-a" }
}

resource "aws_vpc_peering_connection" "east" {
  vpc_id      = aws_vpc.hub.id
  peer_vpc_id = aws_vpc.east.id
  auto_accept = true
  tags        = { Name = "hub-east" }
}

resource "aws_vpc_peering_connection" "west" {
  vpc_id      = aws_vpc.hub.id
  peer_vpc_id = aws_vpc.west.id
  tags        = { Name = "hub-west" }
}

resource "aws_route_table" "front" {
  vpc_id = aws_vpc.hub.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.hub.id
  }
  route {
    ipv6_cidr_block        = "::/0"
    egress_only_gateway_id = aws_egress_only_internet_gateway.hub.id
  }
  route {
    cidr_block                = "10.20.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.east.id
  }
  route {
    cidr_block                = "10.30.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.west.id
  }
  route {
    cidr_block = "192.168.0.0/16"
    gateway_id = aws_vpn_gateway.hub.id
  }
  tags = { Name = "front-rt" }
}

resource "aws_route_table" "back" {
  vpc_id = aws_vpc.hub.id
  tags   = { Name = "back-rt" }
}

resource "aws_route" "back_default" {
  route_table_id         = aws_route_table.back.id
  destination_cidr_block = "0.0.0.0/0"
  network_interface_id   = aws_instance.router.primary_network_interface_id
}

resource "aws_route_table_association" "front" {
  subnet_id      = aws_subnet.front.id
  route_table_id = aws_route_table.front.id
}

resource "aws_route_table_association" "back" {
  subnet_id      = aws_subnet.back.id
  route_table_id = aws_route_table.back.id
}

resource "aws_security_group" "admin" {
  name   = "admin"
  vpc_id = aws_vpc.hub.id
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.hub.id
}

resource "aws_security_group" "mixed" {
  name        = "mixed"
  description = "inline rules naming two groups"
  vpc_id      = aws_vpc.hub.id
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = [aws_security_group.admin.id]
  }
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }
  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
  ingress {
    from_port   = 8
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "mixed_s3" {
  security_group_id = aws_security_group.mixed.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = "pl-63a5400a"
}

resource "aws_default_security_group" "hub" {
  vpc_id = aws_vpc.hub.id
  ingress {
    from_port = 0
    to_port   = 0
    protocol  = "-1"
    self      = true
  }
}

resource "aws_default_network_acl" "hub" {
  default_network_acl_id = aws_vpc.hub.default_network_acl_id
  subnet_ids             = [aws_subnet.back.id]
  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "10.0.0.0/8"
    from_port  = 0
    to_port    = 0
  }
  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}

resource "aws_network_acl" "front" {
  vpc_id     = aws_vpc.hub.id
  subnet_ids = [aws_subnet.front.id]
  tags       = { Name = "front-acl" }
}

resource "aws_network_acl_rule" "front_in" {
  network_acl_id = aws_network_acl.front.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 0
  to_port        = 65535
}

resource "aws_network_acl_rule" "front_esp" {
  network_acl_id = aws_network_acl.front.id
  rule_number    = 90
  egress         = false
  protocol       = "50"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "front_out" {
  network_acl_id = aws_network_acl.front.id
  rule_number    = 100
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl_rule" "front_out_v6" {
  network_acl_id  = aws_network_acl.front.id
  rule_number     = 101
  egress          = true
  protocol        = "-1"
  rule_action     = "allow"
  ipv6_cidr_block = "::/0"
}

resource "aws_instance" "web" {
  count                  = 2
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.front.id
  vpc_security_group_ids = [aws_security_group.mixed.id]
  tags = {
    Name            = "web"
    "vpcsim:listen" = count.index == 0 ? "80,443" : "http"
  }
}

resource "aws_eip" "web" {
  domain   = "vpc"
  instance = aws_instance.web[0].id
}

resource "aws_instance" "router" {
  ami           = "ami-0c02fb55956c7d316"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.front.id
  private_ip    = "10.10.1.5"
  tags          = { Name = "Edge Router #1" }
}

resource "aws_instance" "east" {
  ami           = "ami-0c02fb55956c7d316"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.east.id
  private_ip    = "10.20.1.10"
  tags          = { Name = "east-app", "vpcsim:listen" = "22" }
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = [aws_subnet.front.id, aws_subnet.back.id]
}
