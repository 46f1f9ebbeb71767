# public-private-nat (scenarios/public-private-nat/topology.xml) written as Terraform:
# AWS's "VPC with public and private subnets (NAT)" design with its recommended
# network ACLs.
#
# What the importer has to work out from the plan:
# - public-acl has inline ingress/egress blocks and subnet_ids; private-acl has
#   separate aws_network_acl_rule resources and an aws_network_acl_association;
# - web-sg's egress rule names db-sg and db-sg's ingress rule names web-sg, which
#   Terraform cannot write both inline (a cycle): db-sg's is inline (one group in
#   the merged references list), web-sg's is an aws_vpc_security_group_egress_rule;
# - web1/web2 and db1/db2 come from count, their elastic IPs from a count that
#   refers to aws_instance.web[count.index];
# - the NAT gateway's elastic IP comes through allocation_id.

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

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags       = { Name = "main" }
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
  tags   = { Name = "igw" }
}

resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.0.0/24"
  availability_zone       = "us-east-1a"
  map_public_ip_on_launch = false
  tags                    = { Name = "public" }
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "private" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
  tags = { Name = "public-rt" }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  tags   = { Name = "private-rt" }
}

resource "aws_route" "private_nat" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

resource "aws_eip" "nat" {
  domain  = "vpc"
  address = "203.0.113.20"
  tags    = { Name = "nat-eip" }
}

resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
  private_ip    = "10.0.0.20"
  tags          = { Name = "nat" }
  depends_on    = [aws_internet_gateway.igw]
}

# The recommended rules for the public subnet (rules 100-150 of the AWS design,
# without RDP and MS SQL), plus 160: ICMP to the private subnet, so that the NAT
# gateway's "time exceeded" reaches it.
resource "aws_network_acl" "public" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.public.id]

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 80
    to_port    = 80
  }
  ingress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
  ingress {
    rule_no    = 120
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "192.0.2.0/24"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 140
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 65535
  }
  egress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 80
    to_port    = 80
  }
  egress {
    rule_no    = 110
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
  egress {
    rule_no    = 130
    protocol   = "tcp"
    action     = "allow"
    cidr_block = aws_subnet.private.cidr_block
    from_port  = 3306
    to_port    = 3306
  }
  egress {
    rule_no    = 140
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 32768
    to_port    = 65535
  }
  egress {
    rule_no    = 150
    protocol   = "tcp"
    action     = "allow"
    cidr_block = aws_subnet.private.cidr_block
    from_port  = 22
    to_port    = 22
  }
  egress {
    rule_no    = 160
    protocol   = "icmp"
    action     = "allow"
    cidr_block = aws_subnet.private.cidr_block
    from_port  = 0
    to_port    = 0
    icmp_type  = -1
    icmp_code  = -1
  }
  tags = { Name = "public-acl" }
}

resource "aws_network_acl" "private" {
  vpc_id = aws_vpc.main.id
  tags   = { Name = "private-acl" }
}

resource "aws_network_acl_association" "private" {
  network_acl_id = aws_network_acl.private.id
  subnet_id      = aws_subnet.private.id
}

locals {
  # number = [egress, protocol, cidr, from, to]
  private_rules = {
    110 = [false, "tcp", aws_subnet.public.cidr_block, 3306, 3306]
    120 = [false, "tcp", aws_subnet.public.cidr_block, 22, 22]
    140 = [false, "tcp", "0.0.0.0/0", 1024, 65535]
    150 = [false, "icmp", aws_subnet.public.cidr_block, -1, -1]
    100 = [true, "tcp", "0.0.0.0/0", 80, 80]
    "110e" = [true, "tcp", "0.0.0.0/0", 443, 443]
    "120e" = [true, "tcp", aws_subnet.public.cidr_block, 32768, 65535]
  }
}

resource "aws_network_acl_rule" "private" {
  for_each       = local.private_rules
  network_acl_id = aws_network_acl.private.id
  rule_number    = tonumber(trimsuffix(each.key, "e"))
  egress         = each.value[0]
  protocol       = each.value[1]
  rule_action    = "allow"
  cidr_block     = each.value[2]
  from_port      = each.value[1] == "icmp" ? null : each.value[3]
  to_port        = each.value[1] == "icmp" ? null : each.value[4]
  icmp_type      = each.value[1] == "icmp" ? -1 : null
  icmp_code      = each.value[1] == "icmp" ? -1 : null
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "Web servers: HTTP(S) from anywhere, SSH from the admin range"
  vpc_id      = aws_vpc.main.id
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["192.0.2.0/24"]
  }
}

resource "aws_vpc_security_group_egress_rule" "web_to_db" {
  security_group_id            = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.db.id
}

resource "aws_security_group" "db" {
  name        = "db-sg"
  description = "MySQL from the web servers"
  vpc_id      = aws_vpc.main.id
  ingress {
    from_port       = 3306
    to_port         = 3306
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "web" {
  count                  = 2
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public.id
  private_ip             = "10.0.0.${10 + count.index}"
  vpc_security_group_ids = [aws_security_group.web.id]
  tags = {
    Name            = "web${count.index + 1}"
    "vpcsim:listen" = "22,80,443"
  }
}

resource "aws_eip" "web" {
  count    = 2
  domain   = "vpc"
  address  = "203.0.113.${10 + count.index}"
  instance = aws_instance.web[count.index].id
  tags     = { Name = "web${count.index + 1}-eip" }
}

resource "aws_instance" "db" {
  count                  = 2
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.medium"
  subnet_id              = aws_subnet.private.id
  private_ip             = "10.0.1.${10 + count.index}"
  vpc_security_group_ids = [aws_security_group.db.id]
  tags = {
    Name            = "db${count.index + 1}"
    "vpcsim:listen" = "22,3306"
  }
}
