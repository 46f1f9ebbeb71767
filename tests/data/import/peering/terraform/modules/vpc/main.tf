# One VPC of the peering example: subnets with a route table each, one security
# group admitting the peers' CIDRs, and instances listening on ssh.

variable "name" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "subnets" {
  type = map(object({ cidr = string, route_table = string }))
}

variable "instances" {
  type = map(object({ subnet = string, ip = string }))
}

variable "peer_cidrs" {
  type = list(string)
}

resource "aws_vpc" "this" {
  cidr_block = var.vpc_cidr
  tags       = { Name = var.name }
}

resource "aws_subnet" "this" {
  for_each   = var.subnets
  vpc_id     = aws_vpc.this.id
  cidr_block = each.value.cidr
  tags       = { Name = each.key }
}

resource "aws_route_table" "this" {
  for_each = var.subnets
  vpc_id   = aws_vpc.this.id
  tags     = { Name = each.value.route_table }
}

resource "aws_route_table_association" "this" {
  for_each       = var.subnets
  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.this[each.key].id
}

resource "aws_security_group" "this" {
  name   = "${var.name}-sg"
  vpc_id = aws_vpc.this.id
  dynamic "ingress" {
    for_each = var.peer_cidrs
    content {
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_blocks = [ingress.value]
    }
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "this" {
  for_each               = var.instances
  ami                    = "ami-0c02fb55956c7d316"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.this[each.value.subnet].id
  private_ip             = each.value.ip
  vpc_security_group_ids = [aws_security_group.this.id]
  tags = {
    Name            = each.key
    "vpcsim:listen" = "22"
  }
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "route_table_ids" {
  value = { for k, t in aws_route_table.this : k => t.id }
}
