# small-service (scenarios/small-service/topology.xml) written as Terraform: a VPC with
# a bastion, a NAT instance, a load balancer instance, app and db subnets.
#
# What the importer has to work out from the plan (ids are unknown until apply):
# - subnets and their associations come from for_each maps (each.key references);
# - the private route table's default route is a separate aws_route whose target is
#   the NAT instance's primary network interface (no NAT gateway: the importer infers
#   the NAT instance from source_dest_check = false plus that route);
# - bastion-sg, nat-sg and lb-sg use inline rules; app-sg uses the newer
#   aws_vpc_security_group_*_rule resources, db-sg the older aws_security_group_rule;
# - Terraform removes AWS's default allow-all egress rule from the groups it creates,
#   so every group spells out its egress rule (as the hand-written topology keeps it);
# - listeners: AWS has none, so each instance carries a vpcsim:listen tag.

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

locals {
  subnets = {
    public = "10.0.1.0/24"
    app    = "10.0.2.0/24"
    db     = "10.0.3.0/24"
  }
  common_tags = { Project = "small-service", Environment = "prod" }
}

resource "aws_vpc" "prod" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
  tags                 = merge(local.common_tags, { Name = "prod" })
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.prod.id
  tags   = merge(local.common_tags, { Name = "igw" })
}

resource "aws_subnet" "tier" {
  for_each          = local.subnets
  vpc_id            = aws_vpc.prod.id
  cidr_block        = each.value
  availability_zone = "us-east-1a"
  tags              = merge(local.common_tags, { Name = each.key, Tier = each.key })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.prod.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
  tags = merge(local.common_tags, { Name = "public-rt" })
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.prod.id
  tags   = merge(local.common_tags, { Name = "private-rt" })
}

resource "aws_route" "private_default" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  network_interface_id   = aws_instance.nat.primary_network_interface_id
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.tier["public"].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  for_each       = toset(["app", "db"])
  subnet_id      = aws_subnet.tier[each.key].id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "bastion" {
  name        = "bastion-sg"
  description = "SSH from the admin workstation only"
  vpc_id      = aws_vpc.prod.id
  ingress {
    description = "ssh from the client"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.10/32"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = local.common_tags
}

resource "aws_security_group" "nat" {
  name        = "nat-sg"
  description = "Everything from the private subnets, to be forwarded"
  vpc_id      = aws_vpc.prod.id
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [local.subnets.app, local.subnets.db]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = local.common_tags
}

resource "aws_security_group" "lb" {
  name        = "lb-sg"
  description = "HTTP from anywhere"
  vpc_id      = aws_vpc.prod.id
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = local.common_tags
}

resource "aws_security_group" "app" {
  name        = "app-sg"
  description = "SSH from the bastion, 8080 from the load balancer"
  vpc_id      = aws_vpc.prod.id
  tags        = local.common_tags
}

resource "aws_vpc_security_group_ingress_rule" "app_ssh" {
  security_group_id            = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  referenced_security_group_id = aws_security_group.bastion.id
}

resource "aws_vpc_security_group_ingress_rule" "app_http" {
  security_group_id            = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.lb.id
}

resource "aws_vpc_security_group_egress_rule" "app_all" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "db" {
  name        = "db-sg"
  description = "SSH from the bastion, MySQL from the app tier"
  vpc_id      = aws_vpc.prod.id
  tags        = local.common_tags
}

resource "aws_security_group_rule" "db_ssh" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  protocol                 = "tcp"
  from_port                = 22
  to_port                  = 22
  source_security_group_id = aws_security_group.bastion.id
}

resource "aws_security_group_rule" "db_mysql" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  protocol                 = "tcp"
  from_port                = 3306
  to_port                  = 3306
  source_security_group_id = aws_security_group.app.id
}

resource "aws_security_group_rule" "db_egress" {
  type              = "egress"
  security_group_id = aws_security_group.db.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_instance" "bastion" {
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.tier["public"].id
  private_ip             = "10.0.1.10"
  vpc_security_group_ids = [aws_security_group.bastion.id]
  tags                   = merge(local.common_tags, { Name = "bastion", "vpcsim:listen" = "22" })
}

resource "aws_instance" "nat" {
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.tier["public"].id
  private_ip             = "10.0.1.20"
  source_dest_check      = false
  vpc_security_group_ids = [aws_security_group.nat.id]
  tags                   = merge(local.common_tags, { Name = "nat" })
}

resource "aws_instance" "lb" {
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.tier["public"].id
  private_ip             = "10.0.1.30"
  vpc_security_group_ids = [aws_security_group.lb.id]
  tags                   = merge(local.common_tags, { Name = "lb", "vpcsim:listen" = "tcp/80" })
}

resource "aws_instance" "app" {
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.medium"
  subnet_id              = aws_subnet.tier["app"].id
  private_ip             = "10.0.2.10"
  vpc_security_group_ids = [aws_security_group.app.id]
  tags                   = merge(local.common_tags, { Name = "app", "vpcsim:listen" = "22,8080" })
}

resource "aws_instance" "db" {
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.medium"
  subnet_id              = aws_subnet.tier["db"].id
  private_ip             = "10.0.3.10"
  vpc_security_group_ids = [aws_security_group.db.id]
  tags                   = merge(local.common_tags, { Name = "db", "vpcsim:listen" = "22,3306" })
}

# Elastic IPs: `address` pins the public address (BYOIP), so the imported topology
# has the same public IPs as the hand-written one; without it, the importer picks
# addresses itself (see docs/import.md).
resource "aws_eip" "bastion" {
  domain   = "vpc"
  address  = "203.0.113.10"
  instance = aws_instance.bastion.id
  tags     = merge(local.common_tags, { Name = "bastion-eip" })
}

resource "aws_eip" "nat" {
  domain   = "vpc"
  address  = "203.0.113.20"
  instance = aws_instance.nat.id
  tags     = merge(local.common_tags, { Name = "nat-eip" })
}

resource "aws_eip" "lb" {
  domain   = "vpc"
  address  = "203.0.113.30"
  instance = aws_instance.lb.id
  tags     = merge(local.common_tags, { Name = "lb-eip" })
}
